package dev.bookstore.etl;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Streams clickstream events and order lines from Apache Kafka topics into a warehouse's raw tables in
 * micro-batches, exactly once, with the rules, quarantine and bulk path of file ingest ({@link Ingest}).
 *
 * <pre>{@code
 * try (Warehouse wh = Warehouse.connect("jdbc:postgresql://127.0.0.1:5432/shop?user=etl")) {
 *     StreamRun run = KafkaStream.from(Map.of("bootstrap.servers", "127.0.0.1:19092"))
 *             .events("clickstream")                    // JSON events, one per record
 *             .orders("orders")                         // order lines, JSON objects or CSV lines
 *             .group("bookstore-warehouse")
 *             .options(StreamOptions.defaults().withBatchRows(50_000).withRefreshEvery(Duration.ofSeconds(60)))
 *             .onBatch(b -> System.err.printf("%,d loaded, %,d quarantined%n", b.loaded(), b.rejected()))
 *             .into(wh)
 *             .start();
 *     Runtime.getRuntime().addShutdownHook(new Thread(run::stop));   // SIGTERM: finish the batch in flight
 *     StreamReport report = run.await();
 * }
 * }</pre>
 *
 * <p><b>Records.</b> Event topics carry one JSON object per record in the {@code clickstream_events.jsonl} format;
 * order topics carry one order line per record, either a JSON object with the columns of {@code raw_orders.csv} as
 * keys or a CSV line with those 15 columns in that order (no header). Keys and headers of records are ignored.
 * Every record is validated with the rules of file ingest; a record that fails (including one that is not UTF-8,
 * not JSON, or empty) goes to the kind's quarantine table with {@code source_name = topic/partition} and
 * {@code source_line = offset}, and never blocks its partition.
 *
 * <p><b>Exactly once without Kafka transactions.</b> Each batch is loaded in one database transaction (per kind of
 * record) together with the next offset of every partition it read, in {@code meta.stream_offsets} (per consumer
 * group). When partitions are assigned (at start, after a restart or a rebalance) the stream seeks them to the
 * stored offsets; Kafka's committed offsets are written after each commit as a hint only (for lag monitoring) and
 * used only for partitions the warehouse has no position of (then {@code auto.offset.reset}, default
 * {@code earliest}). A crash at any point therefore loses nothing and loads nothing twice; the natural keys of file
 * ingest (duplicates counted, not loaded) are a second line of defence. Position writes are fenced, so a consumer
 * that lost a partition without noticing cannot commit it.
 *
 * <p><b>Back-pressure.</b> Two threads, one batch ahead: while the writer thread parses, validates and writes batch
 * n (or retries it while the database fails, see {@link StreamOptions#databaseRetry()}), the consumer thread reads
 * batch n+1; once n+1 is complete the partitions are paused and polled only to stay in the group until n has
 * committed, so memory holds at most two batches and a slow database slows the consumer down. Batch n+1 is written
 * only after n committed: when n fails, the stream stops and n+1 is never committed (both are read again on the
 * next start). Several streams with
 * one group id (in one JVM or many) share the topics' partitions; a partition that moves resumes from its stored
 * offset. Batches are serialised across processes by the warehouse lock {@code ingest}.
 *
 * <p><b>Databases.</b> Needs transactions: DuckDB, PostgreSQL, MariaDB and H2 (a DuckDB file allows one writing
 * process, so run one stream per DuckDB file); Trino is refused. kafka-clients is an optional dependency of this
 * library: add {@code org.apache.kafka:kafka-clients} to an application that streams.
 *
 * <p>Instances are immutable: every method returns a new one.
 */
public final class KafkaStream {
    static final String DEFAULT_GROUP = "bookstore";

    private final Map<String, String> kafka;
    private final Map<String, SourceKind> topics;
    private final String group;
    private final StreamOptions options;
    private final Consumer<StreamReport> onBatch;

    private KafkaStream(Map<String, String> kafka, Map<String, SourceKind> topics, String group,
                        StreamOptions options, Consumer<StreamReport> onBatch) {
        this.kafka = kafka;
        this.topics = topics;
        this.group = group;
        this.options = options;
        this.onBatch = onBatch;
    }

    /**
     * A stream reading with these Kafka consumer properties ({@code bootstrap.servers} required; any other
     * consumer property may be given, e.g. security settings). The stream sets {@code group.id} (see
     * {@link #group}), {@code enable.auto.commit=false} and the deserializers itself.
     *
     * @throws InvalidArgumentException when {@code bootstrap.servers} is missing
     */
    public static KafkaStream from(Map<String, String> kafkaProperties) {
        Objects.requireNonNull(kafkaProperties, "kafkaProperties");
        String servers = kafkaProperties.get("bootstrap.servers");
        if (servers == null || servers.isBlank()) {
            throw new InvalidArgumentException("bootstrap.servers", "the Kafka properties need bootstrap.servers, "
                    + "e.g. Map.of(\"bootstrap.servers\", \"127.0.0.1:19092\")");
        }
        return new KafkaStream(Map.copyOf(kafkaProperties), Map.of(), DEFAULT_GROUP, StreamOptions.defaults(),
                b -> { });
    }

    /** Also consumes {@code topicNames}, whose records are clickstream events (JSON). */
    public KafkaStream events(String... topicNames) {
        return with(SourceKind.EVENTS, topicNames);
    }

    /** Also consumes {@code topicNames}, whose records are order lines (JSON objects or CSV lines). */
    public KafkaStream orders(String... topicNames) {
        return with(SourceKind.ORDERS, topicNames);
    }

    /** Consumes as consumer group {@code groupId} (default {@value #DEFAULT_GROUP}); positions are per group. */
    public KafkaStream group(String groupId) {
        Objects.requireNonNull(groupId, "group");
        if (groupId.isBlank() || groupId.length() > 255) {
            throw new InvalidArgumentException("group", "the consumer group id must be 1 to 255 characters, was '"
                    + groupId + "'");
        }
        return new KafkaStream(kafka, topics, groupId, options, onBatch);
    }

    /** Uses {@code streamOptions} instead of the defaults. */
    public KafkaStream options(StreamOptions streamOptions) {
        Objects.requireNonNull(streamOptions, "options");
        return new KafkaStream(kafka, topics, group, streamOptions, onBatch);
    }

    /**
     * Calls {@code listener} after each committed batch, with that batch's report, on the stream's writer thread
     * (one thread: calls never overlap; the next batch is not written until it returns).
     */
    public KafkaStream onBatch(Consumer<StreamReport> listener) {
        Objects.requireNonNull(listener, "onBatch");
        return new KafkaStream(kafka, topics, group, options, listener);
    }

    /**
     * The stream into {@code warehouse} (initialised when started), ready to {@link Bound#start()}.
     *
     * @throws InvalidArgumentException when no topic was given, or the warehouse's database has no transactions
     *                                  (Trino)
     */
    public Bound into(Warehouse warehouse) {
        Objects.requireNonNull(warehouse, "warehouse");
        if (topics.isEmpty()) {
            throw new InvalidArgumentException("topics", "nothing to stream: give at least one topic with "
                    + "events(..) or orders(..)");
        }
        if (!warehouse.dialect().supportsTransactions()) {
            throw new InvalidArgumentException("warehouse", "streaming needs a database with transactions (the rows "
                    + "and the offsets of a batch commit together); " + warehouse.dialect().name() + " has none: "
                    + "stream into DuckDB, PostgreSQL, MariaDB or H2");
        }
        return new Bound(this, warehouse);
    }

    /** A stream bound to its warehouse. */
    public static final class Bound {
        private final KafkaStream stream;
        private final Warehouse warehouse;

        private Bound(KafkaStream stream, Warehouse warehouse) {
            this.stream = stream;
            this.warehouse = warehouse;
        }

        /** Starts consuming on a thread of its own; stop it with {@link StreamRun#stop()}. */
        public StreamRun start() {
            return new StreamRun(new KafkaLoop(warehouse, stream.kafka, stream.topics, stream.group, stream.options,
                    stream.onBatch));
        }

        /** Consumes on this thread until stopped by {@link StreamOptions#stopWhenIdle()}; returns the report. */
        public StreamReport run() {
            return new KafkaLoop(warehouse, stream.kafka, stream.topics, stream.group, stream.options,
                    stream.onBatch).run();
        }
    }

    private KafkaStream with(SourceKind kind, String... topicNames) {
        Objects.requireNonNull(topicNames, kind.code());
        Map<String, SourceKind> copy = new LinkedHashMap<>(topics);
        for (String t : topicNames) {
            Objects.requireNonNull(t, "topic");
            if (t.isBlank() || t.length() > 249) {
                throw new InvalidArgumentException("topic", "a topic name must be 1 to 249 characters, was '" + t
                        + "'");
            }
            Optional<SourceKind> before = Optional.ofNullable(copy.put(t, kind));
            if (before.isPresent() && before.get() != kind) {
                throw new InvalidArgumentException("topic", "topic " + t + " is given as " + before.get().code()
                        + " and as " + kind.code() + ": a topic carries one kind of record");
            }
        }
        return new KafkaStream(kafka, Collections.unmodifiableMap(copy), group, options, onBatch);
    }
}
