package dev.bookstore.examples.cli;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;

/** How the CLI writes counts, sizes, durations and rates: {@code 1,234,567}, {@code 12.3 MB}, {@code 3.4 s}. */
final class Units {
    /** A right arrow, or {@code ->} where the default charset (that of stdout) cannot encode one. */
    static final String ARROW = Charset.defaultCharset().newEncoder().canEncode('\u2192') ? "\u2192" : "->";

    private Units() {
    }

    /** A count with thousands separators. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A byte size in B, kB or MB (powers of 1000). */
    static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        return String.format(Locale.ROOT, "%,.1f MB", n / 1e6);
    }

    /** A duration in ms below a second, else in seconds with one decimal. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        return String.format(Locale.ROOT, "%,.1f s", ms / 1e3);
    }

    /** A rate (per second), rounded to a whole number. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** Nanoseconds since {@code startNanos} (from {@link System#nanoTime()}) as a duration. */
    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
