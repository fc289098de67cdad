package dev.bookstore.etl;

import dev.bookstore.model.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KafkaStream} cuts its micro-batches, waits for the database and keeps the marts fresh; validated on
 * construction, immutable.
 *
 * <pre>{@code
 * StreamOptions options = StreamOptions.defaults()
 *         .withBatchRows(50_000)
 *         .withBatchTime(Duration.ofSeconds(1))
 *         .withRefreshEvery(Duration.ofSeconds(60));
 * }</pre>
 *
 * <p>A batch closes on whichever limit comes first: {@code batchRows} records, {@code batchBytes} bytes of record
 * values, or {@code batchTime} after its first record. Memory is bounded by one batch plus one poll
 * ({@code max.poll.records}, at most {@code batchRows}): while a batch is being written, or the database is away,
 * the consumer's partitions are paused and nothing more is fetched.
 *
 * @param batchRows close a batch at this many records (at least 1)
 * @param batchBytes close a batch at this many bytes of record values (at least 1)
 * @param batchTime close a batch this long after its first record (at least 1 ms)
 * @param refreshEvery after a batch, run the incremental models that read the loaded raw tables (and the models
 *                     depending on them; the stream's first run builds every model) when at least this long has
 *                     passed since the last run, and once more when the stream stops; {@link Duration#ZERO} never
 *                     runs them
 * @param stopWhenIdle stop the stream (returning its report) when it owns partitions and no record arrived for
 *                     this long since the last record or assignment (a stream waiting to join its group does not
 *                     stop); {@link Duration#ZERO} runs until {@link StreamRun#stop()}
 * @param databaseRetry how long a batch is retried while the database fails (the partitions paused), before the
 *                      stream stops with the error (at least 1 ms)
 * @param ingest the rules' options (date policy, clock for {@code future_date}), as for file ingest
 * @param transform the options of the incremental models' runs (PII salt, ...)
 */
public record StreamOptions(int batchRows, long batchBytes, Duration batchTime, Duration refreshEvery,
                            Duration stopWhenIdle, Duration databaseRetry, IngestOptions ingest,
                            TransformOptions transform) {
    /** Validates every field, naming the option and the value when one is wrong. */
    public StreamOptions {
        Objects.requireNonNull(batchTime, "batchTime");
        Objects.requireNonNull(refreshEvery, "refreshEvery");
        Objects.requireNonNull(stopWhenIdle, "stopWhenIdle");
        Objects.requireNonNull(databaseRetry, "databaseRetry");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(transform, "transform");
        if (batchRows < 1) {
            throw new InvalidArgumentException("batchRows", "batchRows " + batchRows + " must be at least 1");
        }
        if (batchBytes < 1) {
            throw new InvalidArgumentException("batchBytes", "batchBytes " + batchBytes + " must be at least 1");
        }
        if (batchTime.toMillis() < 1) {
            throw new InvalidArgumentException("batchTime", "batchTime " + batchTime + " must be at least 1 ms");
        }
        if (refreshEvery.isNegative()) {
            throw new InvalidArgumentException("refreshEvery", "refreshEvery " + refreshEvery
                    + " must not be negative (Duration.ZERO never refreshes)");
        }
        if (stopWhenIdle.isNegative()) {
            throw new InvalidArgumentException("stopWhenIdle", "stopWhenIdle " + stopWhenIdle
                    + " must not be negative (Duration.ZERO never stops by itself)");
        }
        if (databaseRetry.toMillis() < 1) {
            throw new InvalidArgumentException("databaseRetry", "databaseRetry " + databaseRetry
                    + " must be at least 1 ms");
        }
    }

    /**
     * Batches of 50,000 records, 64 MB or 1 s; no mart refresh; runs until stopped; the database retried for 5
     * minutes; the default ingest and transform options.
     */
    public static StreamOptions defaults() {
        return new StreamOptions(50_000, 64L << 20, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(5), IngestOptions.defaults(), TransformOptions.defaults());
    }

    /** A copy closing batches at {@code rows} records. */
    public StreamOptions withBatchRows(int rows) {
        return new StreamOptions(rows, batchBytes, batchTime, refreshEvery, stopWhenIdle, databaseRetry, ingest,
                transform);
    }

    /** A copy closing batches at {@code bytes} bytes of record values. */
    public StreamOptions withBatchBytes(long bytes) {
        return new StreamOptions(batchRows, bytes, batchTime, refreshEvery, stopWhenIdle, databaseRetry, ingest,
                transform);
    }

    /** A copy closing batches {@code time} after their first record. */
    public StreamOptions withBatchTime(Duration time) {
        return new StreamOptions(batchRows, batchBytes, time, refreshEvery, stopWhenIdle, databaseRetry, ingest,
                transform);
    }

    /** A copy running the incremental models at most every {@code every} ({@link Duration#ZERO}: never). */
    public StreamOptions withRefreshEvery(Duration every) {
        return new StreamOptions(batchRows, batchBytes, batchTime, every, stopWhenIdle, databaseRetry, ingest,
                transform);
    }

    /** A copy that stops when no record arrived for {@code idle} ({@link Duration#ZERO}: never). */
    public StreamOptions withStopWhenIdle(Duration idle) {
        return new StreamOptions(batchRows, batchBytes, batchTime, refreshEvery, idle, databaseRetry, ingest,
                transform);
    }

    /** A copy retrying a failing database for {@code retry} before stopping with the error. */
    public StreamOptions withDatabaseRetry(Duration retry) {
        return new StreamOptions(batchRows, batchBytes, batchTime, refreshEvery, stopWhenIdle, retry, ingest,
                transform);
    }

    /** A copy validating with these ingest options. */
    public StreamOptions withIngest(IngestOptions options) {
        return new StreamOptions(batchRows, batchBytes, batchTime, refreshEvery, stopWhenIdle, databaseRetry,
                options, transform);
    }

    /** A copy running the models with these transform options. */
    public StreamOptions withTransform(TransformOptions options) {
        return new StreamOptions(batchRows, batchBytes, batchTime, refreshEvery, stopWhenIdle, databaseRetry, ingest,
                options);
    }
}
