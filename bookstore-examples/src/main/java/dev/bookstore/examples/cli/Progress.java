package dev.bookstore.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows how a long step is going on stderr: nothing during its first second; then, on a terminal, one line
 * rewritten in place a few times a second and erased when the step ends; elsewhere (a log, a pipe) a plain
 * line every few seconds. The status text comes from a supplier polled on a daemon thread.
 *
 * <pre>{@code
 * Manifest m = Progress.during(err, terminal, "generating", () -> bytesWritten() + " written",
 *         () -> Generator.generate(options, dir));
 * }</pre>
 */
final class Progress {
    private static final Duration QUIET_START = Duration.ofSeconds(1);
    private static final Duration TERMINAL_PERIOD = Duration.ofMillis(200);
    private static final Duration PLAIN_PERIOD = Duration.ofSeconds(5);

    private final PrintWriter err;
    private final boolean terminal;
    private final String step;
    private final Supplier<String> status;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private int shownWidth;

    private Progress(PrintWriter err, boolean terminal, String step, Supplier<String> status) {
        this.err = err;
        this.terminal = terminal;
        this.step = step;
        this.status = status;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bookstore-progress");
            t.setDaemon(true);
            return t;
        });
        long period = (terminal ? TERMINAL_PERIOD : PLAIN_PERIOD).toMillis();
        ticker.scheduleAtFixedRate(this::show, QUIET_START.toMillis(), period, TimeUnit.MILLISECONDS);
    }

    /**
     * A piece of work that returns a value or throws.
     *
     * @param <T> the result type
     * @param <X> the exception it may throw
     */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        /** Does the work. */
        T run() throws X;
    }

    /**
     * Runs {@code work}, showing its progress on {@code err} while it takes longer than a second.
     *
     * @param terminal whether {@code err} is a terminal (rewrite one line) or not (plain lines)
     * @param step what is being done, e.g. {@code "loading"}
     * @param status the current state, e.g. {@code "orders 120,000 rows read"}; polled, must be cheap
     */
    static <T, X extends Exception> T during(PrintWriter err, boolean terminal, String step, Supplier<String> status,
                                             Work<T, X> work) throws X {
        Progress progress = new Progress(err, terminal, step, status);
        try {
            return work.run();
        } finally {
            progress.stop();
        }
    }

    private synchronized void show() {
        String text;
        try {
            text = step + ": " + status.get() + " (" + Units.duration(Units.since(startNanos)) + ")";
        } catch (RuntimeException e) {
            return; // a status that cannot be read now is simply not shown
        }
        if (terminal) {
            int width = text.length();
            err.print("\r" + text + " ".repeat(Math.max(0, shownWidth - width)));
            shownWidth = width;
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** Stops the ticker and erases the in-place line, if one was shown. */
    private void stop() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (terminal && shownWidth > 0) {
                err.print("\r" + " ".repeat(shownWidth) + "\r");
                err.flush();
                shownWidth = 0;
            }
        }
    }
}
