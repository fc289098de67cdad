package dev.bookstore.etl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link KafkaStream} did, in all or in one batch (as handed to {@link KafkaStream#onBatch}): every record
 * read is accounted for as loaded, rejected (in the kind's quarantine table, {@code source_name} =
 * {@code topic/partition}, {@code source_line} = the offset) or a duplicate, so
 * {@code read == loaded + rejected + duplicates}. Immutable.
 *
 * <pre>{@code
 * StreamReport r = run.await();
 * System.out.printf("%,d read, %,d loaded, %,d quarantined; lag %s%n", r.read(), r.loaded(), r.rejected(),
 *         r.topics().get(0).lag().map(Duration::toString).orElse("-"));
 * }</pre>
 *
 * @param group the consumer group
 * @param batches batches committed
 * @param read records read and committed (with their offsets)
 * @param loaded rows written to the raw tables
 * @param rejected records quarantined
 * @param duplicates valid records whose natural key was already loaded
 * @param refreshes runs of the incremental models
 * @param topics per topic: records read and the newest event time loaded
 * @param elapsed how long the stream (or the batch) took
 */
public record StreamReport(String group, long batches, long read, long loaded, long rejected, long duplicates,
                           int refreshes, List<Topic> topics, Duration elapsed) {
    /** Checks the accounting and copies the list. */
    public StreamReport {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(elapsed, "elapsed");
        topics = List.copyOf(topics);
        if (read != loaded + rejected + duplicates) {
            throw new IllegalArgumentException("read " + read + " != loaded " + loaded + " + rejected " + rejected
                    + " + duplicates " + duplicates);
        }
    }

    /**
     * One topic of a stream.
     *
     * @param topic the topic
     * @param kind what its records are (events or orders)
     * @param read records read and committed
     * @param newestEventTime the newest event time among its valid records (an event's timestamp, an order
     *                        line's {@code ordered_at}, else the start of its order date in UTC)
     * @param lag how far the warehouse was behind when the newest batch committed: its commit time minus
     *            {@code newestEventTime}
     */
    public record Topic(String topic, SourceKind kind, long read, Optional<Instant> newestEventTime,
                        Optional<Duration> lag) {
        /** Checks that no field is null. */
        public Topic {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(newestEventTime, "newestEventTime");
            Objects.requireNonNull(lag, "lag");
        }
    }
}
