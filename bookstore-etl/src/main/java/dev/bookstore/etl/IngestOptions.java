package dev.bookstore.etl;

import dev.bookstore.model.InvalidArgumentException;
import java.time.Clock;
import java.util.Objects;

/**
 * How {@link Ingest} reads and validates its sources; validated on construction, immutable.
 *
 * <pre>{@code
 * IngestOptions options = IngestOptions.defaults()
 *         .withDatePolicy(DatePolicy.REJECT_AMBIGUOUS)
 *         .withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
 * }</pre>
 *
 * @param datePolicy how dates written with slashes are read (ISO dates are always accepted)
 * @param clock what "now" is: rows dated after now (order dates and registration dates after today in the
 *              reporting zone, timestamps after the current instant) are rejected as {@code future_date}
 * @param progressEvery call the {@link ProgressListener} every this many rows (at least 1)
 * @param skipLoadedFiles skip a file whose content (SHA-256) was already loaded as the same kind of source,
 *                        reporting it as {@link SourceReport#skipped() skipped}; when false it is read again
 *                        and every row already present (by natural key) is counted as a duplicate
 */
public record IngestOptions(DatePolicy datePolicy, Clock clock, long progressEvery, boolean skipLoadedFiles) {
    /** Validates every field, naming the option and the value when one is wrong. */
    public IngestOptions {
        Objects.requireNonNull(datePolicy, "datePolicy");
        Objects.requireNonNull(clock, "clock");
        if (progressEvery < 1) {
            throw new InvalidArgumentException("progressEvery " + progressEvery + " must be at least 1");
        }
    }

    /** Day-first slashed dates, the system clock, progress every 100,000 rows, files already loaded skipped. */
    public static IngestOptions defaults() {
        return new IngestOptions(DatePolicy.DAY_FIRST, Clock.systemUTC(), 100_000, true);
    }

    /** A copy with this date policy. */
    public IngestOptions withDatePolicy(DatePolicy policy) {
        return new IngestOptions(policy, clock, progressEvery, skipLoadedFiles);
    }

    /** A copy with this clock (what "now" is for the {@code future_date} rule). */
    public IngestOptions withClock(Clock c) {
        return new IngestOptions(datePolicy, c, progressEvery, skipLoadedFiles);
    }

    /** A copy calling the progress listener every {@code rows} rows (at least 1). */
    public IngestOptions withProgressEvery(long rows) {
        return new IngestOptions(datePolicy, clock, rows, skipLoadedFiles);
    }

    /** A copy that does (true) or does not skip files whose content was already loaded. */
    public IngestOptions withSkipLoadedFiles(boolean skip) {
        return new IngestOptions(datePolicy, clock, progressEvery, skip);
    }
}
