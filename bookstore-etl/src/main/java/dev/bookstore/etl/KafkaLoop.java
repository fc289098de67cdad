package dev.bookstore.etl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.ClickstreamEvent;
import dev.bookstore.model.OrderLine;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.sql.WarehouseLock;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of a {@link KafkaStream}: a consumer thread that polls and cuts batches, and a writer thread that
 * loads each batch through {@link SourceLoad#stream} (parsing, rules, bulk load) with the partitions' next offsets
 * stored in the same transaction ({@link StreamOffsets}); partitions are sought to their stored offsets when they
 * are assigned.
 *
 * <p><b>Pipelined, one batch ahead.</b> While batch n is written and committed, the consumer thread polls batch
 * n+1; when n+1 is cut before n has committed, the consumer waits with its partitions paused (polled, to stay in the
 * group), so at most one batch is in flight and one is being read. Batch n+1 is handed over only after n committed:
 * a batch that failed stops the stream before anything after it is committed (its records and those read after it
 * are read again on the next start), and a fenced batch drops the one read after it too. The consumer is used by
 * the consumer thread only; the writer thread uses only the warehouse. Not thread-safe, except {@link #stop()} and
 * {@link #report()}.
 */
final class KafkaLoop implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(1);
    /** How long the consumer waits for the batch in flight between two polls of its paused partitions. */
    private static final long WAIT_MS = 50;
    private static final int MAX_POLL_RECORDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse wh;
    private final Map<String, String> kafka;
    private final Map<String, SourceKind> topics;
    private final String group;
    private final StreamOptions options;
    private final java.util.function.Consumer<StreamReport> onBatch;

    private KafkaConsumer<byte[], byte[]> consumer;
    /** The warehouse's next offset of each owned partition that has one (written by both threads). */
    private final Map<TopicPartition, Long> stored = new ConcurrentHashMap<>();
    private final Set<TopicPartition> owned = new HashSet<>();
    /** Owned partitions not yet sought to their stored offset (the warehouse could not be read): kept paused. */
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    /** The batch being read (consumer thread). */
    private List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    private long batchBytes;
    private long batchStarted;
    /** The batch being written (writer thread), its records (those not yet committed once it is done), or null. */
    private Future<Written> inFlight;
    private List<ConsumerRecord<byte[], byte[]>> inFlightRecords;
    /** Set when a batch failed: nothing read after it may be committed (not even on a revocation). */
    private boolean failed;
    private ExecutorService writer;
    /** Kafka's committed offsets to hint, queued by the writer thread and sent by the consumer thread. */
    private final Queue<Map<TopicPartition, OffsetAndMetadata>> hints = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    /** When the last record arrived, or partitions were last assigned (the idle time counts from there). */
    private long lastRecord;

    private final Object totalsLock = new Object();
    private long batches;
    private long read;
    private long loaded;
    private long rejected;
    private long duplicates;
    private int refreshes;
    private final Map<String, TopicTotals> perTopic = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private final Set<SourceKind> loadedSinceRefresh = new ConcurrentSkipListSet<>();
    private long lastRefresh = System.nanoTime();

    /** Running totals of one topic. */
    private static final class TopicTotals {
        long read;
        Instant newest;
        Duration lag;
    }

    /** How a batch handed to the writer ended, when it did not fail. */
    private enum Written { COMMITTED, FENCED }

    KafkaLoop(Warehouse wh, Map<String, String> kafka, Map<String, SourceKind> topics, String group,
              StreamOptions options, java.util.function.Consumer<StreamReport> onBatch) {
        this.wh = wh;
        this.kafka = kafka;
        this.topics = topics;
        this.group = group;
        this.options = options;
        this.onBatch = onBatch;
        topics.keySet().forEach(t -> perTopic.put(t, new TopicTotals()));
    }

    String group() {
        return group;
    }

    void stop() {
        stopping = true;
    }

    // ------------------------------------------------------------------------------------------------ the loop

    StreamReport run() {
        wh.init();
        StreamOffsets.create(wh);
        Properties props = new Properties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(options.batchRows(),
                MAX_POLL_RECORDS)));
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bookstore-stream-writer-" + group);
            t.setDaemon(true);
            return t;
        });
        try {
            consumer.subscribe(topics.keySet(), this);
            lastRecord = System.nanoTime();
            while (!stopping) {
                if (!unpositioned.isEmpty()) {
                    complete(); // the batch in flight may move the stored offsets: seek after it
                    positionUnpositioned();
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTime());
                if (!records.isEmpty()) {
                    lastRecord = System.nanoTime();
                }
                add(records);
                if (batchFull() || batchDue()) {
                    handOver();
                    lastRecord = System.nanoTime(); // the partitions may have been paused meanwhile: not idle time
                } else if (inFlight != null && inFlight.isDone()) {
                    complete();
                }
                sendHints();
                if (batch.isEmpty() && inFlight == null && !options.stopWhenIdle().isZero() && !owned.isEmpty()
                        && System.nanoTime() - lastRecord >= options.stopWhenIdle().toNanos()) {
                    LOG.info("stream {}: no record for {}; stopping", group, options.stopWhenIdle());
                    break;
                }
            }
            handOver(); // the batch being read
            complete();
            sendHints();
            refresh(true);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        } finally {
            try {
                settleQuietly();
            } finally {
                if (failed) {
                    batch.clear(); // read after a batch that did not commit: never loaded (not even on revocation)
                }
                writer.shutdown();
                consumer.close(Duration.ofSeconds(5));
            }
        }
        StreamReport report = report();
        LOG.info("stream {} stopped: {} batches, {} read, {} loaded, {} quarantined, {} duplicates", group,
                report.batches(), report.read(), report.loaded(), report.rejected(), report.duplicates());
        return report;
    }

    private Duration pollTime() {
        if (batch.isEmpty()) {
            return POLL;
        }
        long left = options.batchTime().toNanos() - (System.nanoTime() - batchStarted);
        return Duration.ofNanos(Math.max(0, Math.min(left, POLL.toNanos())));
    }

    private void add(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> skipped = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            if (!owned.contains(tp) || unpositioned.contains(tp)) {
                skipped.add(r); // not ours (yet): read again later
                continue;
            }
            if (batch.isEmpty()) {
                batchStarted = System.nanoTime();
            }
            batch.add(r);
            batchBytes += r.serializedValueSize() < 0 ? 0 : r.serializedValueSize();
        }
        rewind(skipped);
    }

    /**
     * Seeks every owned partition of {@code dropped} back to its first dropped record, so that records taken from
     * the consumer but not loaded are read again (a stored offset, sought later, takes precedence).
     */
    private void rewind(Collection<ConsumerRecord<byte[], byte[]>> dropped) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dropped) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach((tp, offset) -> {
            if (owned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    private boolean batchFull() {
        return batch.size() >= options.batchRows() || batchBytes >= options.batchBytes();
    }

    private boolean batchDue() {
        return !batch.isEmpty() && System.nanoTime() - batchStarted >= options.batchTime().toNanos();
    }

    // ------------------------------------------------------------------------------------------------ rebalancing

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        owned.addAll(partitions);
        unpositioned.addAll(partitions);
        lastRecord = System.nanoTime();
        consumer.pause(partitions); // until sought to the warehouse's offsets (now, or by the loop)
        if (inFlight == null) { // else the loop seeks them once the batch in flight is done
            positionUnpositioned();
        }
        LOG.info("stream {}: assigned {}", group, names(partitions));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        settleQuietly(); // the batch in flight commits (or not) while they are still ours
        if (!failed && batch.stream().anyMatch(r -> partitions.contains(new TopicPartition(r.topic(),
                r.partition())))) {
            try {
                load(batch); // commit what was read of them while they are still ours
                batchBytes = 0;
            } catch (RuntimeException e) {
                LOG.warn("stream {}: could not commit the batch before a rebalance ({}); its records of {} will be "
                        + "read again by their new owner", group, e.getMessage(), names(partitions));
            }
        }
        forget(partitions);
        LOG.info("stream {}: revoked {}", group, names(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions); // another consumer owns them already: nothing of them may be committed from here
        LOG.info("stream {}: lost {}", group, names(partitions));
    }

    private void forget(Collection<TopicPartition> partitions) {
        batch.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        batchBytes = batch.stream().mapToLong(r -> Math.max(0, r.serializedValueSize())).sum();
        owned.removeAll(partitions);
        unpositioned.removeAll(partitions);
        partitions.forEach(stored::remove);
    }

    /** Seeks the unpositioned partitions to the warehouse's offsets and resumes them; on failure retries later. */
    private void positionUnpositioned() {
        if (unpositioned.isEmpty()) {
            return;
        }
        Map<TopicPartition, StreamOffsets.Position> positions;
        try {
            positions = StreamOffsets.read(wh, group);
        } catch (RuntimeException e) {
            LOG.warn("stream {}: cannot read the stored offsets ({}); {} stay paused", group, e.getMessage(),
                    names(unpositioned));
            return;
        }
        for (TopicPartition tp : unpositioned) {
            StreamOffsets.Position at = positions.get(tp);
            if (at != null) {
                consumer.seek(tp, at.next());
                stored.put(tp, at.next());
            } else {
                stored.remove(tp); // no position in the warehouse: Kafka's committed offset, else auto.offset.reset
            }
        }
        LOG.debug("stream {}: {} sought to the warehouse's offsets {}", group, names(unpositioned), positions);
        consumer.resume(unpositioned);
        unpositioned.clear();
    }

    // ------------------------------------------------------------------------------------------------ batches

    /**
     * Hands the batch being read to the writer, once the batch in flight has committed ({@link #complete()}); the
     * consumer goes on reading the next one meanwhile.
     */
    private void handOver() {
        complete();
        if (batch.isEmpty()) {
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> records = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        inFlightRecords = records;
        inFlight = writer.submit(() -> write(records));
    }

    /**
     * Waits for the batch in flight, if any, with every partition paused and polled (to stay in the group), applies
     * its outcome and resumes; rethrows its failure. Then refreshes the marts when it is time.
     */
    private void complete() {
        if (inFlight == null) {
            return;
        }
        if (!inFlight.isDone()) {
            consumer.pause(consumer.assignment());
            while (inFlight != null && !inFlight.isDone()) {
                try {
                    inFlight.get(WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    pollPaused(); // a rebalance callback in it may settle the batch in flight
                } catch (ExecutionException e) {
                    break; // settled below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WarehouseException("stream " + group + ": interrupted while a batch was written", e);
                }
            }
            resumePositioned();
        }
        settle();
        refresh(false);
    }

    /**
     * Waits for the batch in flight without polling (also from a rebalance callback) and applies its outcome: a
     * fence drops the batch being read too and re-seeks every partition; a failure marks the loop failed and is
     * rethrown.
     */
    private void settle() {
        if (inFlight == null) {
            return;
        }
        Written written;
        try {
            written = inFlight.get();
        } catch (ExecutionException e) {
            failed = true;
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new WarehouseException("stream " + group + ": writing a batch failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            throw new WarehouseException("stream " + group + ": interrupted while a batch was written", e);
        } finally {
            inFlight = null;
        }
        if (written == Written.FENCED) {
            List<ConsumerRecord<byte[], byte[]>> dropped = new ArrayList<>(inFlightRecords);
            dropped.addAll(batch); // read after the fenced batch: from the warehouse's offsets again too
            rewind(dropped);
            batch.clear();
            batchBytes = 0;
            unpositioned.addAll(owned);
        }
        inFlightRecords = null;
    }

    /** {@link #settle()} for cleaning up: a failure is logged, not thrown (the loop is failing already or stops). */
    private void settleQuietly() {
        try {
            settle();
        } catch (RuntimeException | Error e) {
            LOG.debug("stream {}: the batch in flight failed: {}", group, e.toString());
        }
    }

    /**
     * Writes a batch (writer thread): loads it, retrying while the database fails until
     * {@link StreamOptions#databaseRetry()}; returns whether it was committed or fenced, or throws.
     */
    private Written write(List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException {
        Backoff backoff = new Backoff(options.databaseRetry());
        try {
            while (!records.isEmpty()) {
                try {
                    load(records);
                    break;
                } catch (StreamOffsets.Fenced e) {
                    if (!ownEarlierCommit()) {
                        LOG.warn("stream {}: {}; the batch is dropped and its partitions read again from the "
                                + "warehouse's offsets", group, e.getMessage());
                    }
                    return Written.FENCED;
                } catch (InputException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (!databaseFailure(e)) {
                        throw e;
                    }
                    if (backoff.expired()) {
                        throw e instanceof BookstoreException b ? b.withContext("stream " + group + ": the database "
                                + "failed for longer than " + options.databaseRetry() + "; the batches before were "
                                + "committed, this one was rolled back") : new WarehouseException(e.getMessage(), e);
                    }
                    LOG.warn("stream {}: writing a batch of {} records failed ({}); retrying in {} ms",
                            group, records.size(), e.getMessage(), backoff.next());
                    backoff.pause();
                }
            }
            return Written.COMMITTED;
        } finally {
            attempts.clear();
        }
    }

    /**
     * Whether {@code e} is a failure of the database (retried: the batch's transaction was rolled back, or its
     * commit is found by the fence): a warehouse error, the busy lock, or anything caused by an {@link SQLException}
     * (e.g. a connection dropped while the pool hands it out).
     */
    private static boolean databaseFailure(RuntimeException e) {
        if (e instanceof BookstoreException || e instanceof LockBusy) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** Sends the queued hints of Kafka's committed offsets (consumer thread). */
    private void sendHints() {
        Map<TopicPartition, OffsetAndMetadata> hint = new HashMap<>();
        for (Map<TopicPartition, OffsetAndMetadata> h; (h = hints.poll()) != null; ) {
            h.forEach((tp, at) -> hint.merge(tp, at, (a, b) -> a.offset() >= b.offset() ? a : b));
        }
        hint.keySet().retainAll(owned);
        if (hint.isEmpty()) {
            return;
        }
        consumer.commitAsync(hint, (offsets, failure) -> {
            if (failure != null) {
                LOG.debug("stream {}: Kafka's committed offsets (a hint) not updated: {}", group, failure.toString());
            }
        });
    }

    /**
     * After a fence: whether the stored positions of the batch's partitions are the ones an earlier attempt of this
     * very batch wrote (its commit reached the database but the acknowledgement was lost, e.g. the connection was
     * dropped at that moment); if so, that attempt is counted from what it stored under its load id, so the report
     * stays exact. Attempts are tracked in {@link #attempts} (load id → the records of one kind and their next
     * offsets).
     */
    private boolean ownEarlierCommit() throws InterruptedException {
        Optional<Map<TopicPartition, StreamOffsets.Position>> read = retried(() -> StreamOffsets.read(wh, group));
        if (read.isEmpty()) {
            return false;
        }
        Map<TopicPartition, StreamOffsets.Position> positions = read.get();
        boolean any = false;
        for (Attempt a : attempts.values()) {
            boolean ours = a.next().entrySet().stream().allMatch(e -> {
                StreamOffsets.Position p = positions.get(e.getKey());
                return p != null && p.next() == e.getValue() && a.loadId().equals(p.loadId());
            });
            if (ours) {
                Optional<long[]> counts = retried(() -> new long[] {countByLoad(a.kind().table(), a.loadId()),
                        countByLoad(a.kind().quarantineTable(), a.loadId())});
                if (counts.isEmpty()) {
                    continue; // committed, but not countable now: the report undercounts it (logged by retried)
                }
                long loadedRows = counts.get()[0];
                long quarantined = counts.get()[1];
                long n = a.records().size();
                LOG.info("stream {}: the commit of load {} ({} records) had reached the warehouse; counted", group,
                        a.loadId(), n);
                a.next().forEach(stored::put);
                StreamReport r = new StreamReport(group, 1, n, loadedRows, quarantined, n - loadedRows - quarantined,
                        0, List.of(), Duration.ZERO);
                batchCommitted(List.of(count(a.kind(), a.records(), r, Map.of(), Instant.now())), Duration.ZERO);
                any = true;
            }
        }
        attempts.clear();
        return any;
    }

    /**
     * {@code query} after a fence, while the database may still be failing (the cause of the lost acknowledgement):
     * retried on database failures until {@link StreamOptions#databaseRetry()}; empty if it kept failing.
     */
    private <T> Optional<T> retried(java.util.function.Supplier<T> query) throws InterruptedException {
        Backoff backoff = new Backoff(options.databaseRetry());
        while (true) {
            try {
                return Optional.of(query.get());
            } catch (RuntimeException e) {
                if (!databaseFailure(e) || backoff.expired()) {
                    LOG.warn("stream {}: after a fence, the warehouse's offsets could not be read ({}): a batch whose "
                            + "commit reached it may be missing from this run's report", group, e.getMessage());
                    return Optional.empty();
                }
                LOG.warn("stream {}: reading the warehouse's offsets after a fence failed ({}); retrying in {} ms",
                        group, e.getMessage(), backoff.next());
                backoff.pause();
            }
        }
    }

    /** The database retry policy: pauses of 100 ms doubling up to 2 s, until {@code limit} has passed. */
    private static final class Backoff {
        private final long deadline;
        private long next = 100;

        Backoff(Duration limit) {
            this.deadline = System.nanoTime() + limit.toNanos();
        }

        boolean expired() {
            return System.nanoTime() > deadline;
        }

        /** The next pause in milliseconds. */
        long next() {
            return next;
        }

        void pause() throws InterruptedException {
            Thread.sleep(next);
            next = Math.min(next * 2, 2_000);
        }
    }

    private long countByLoad(String table, String loadId) {
        return wh.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + wh.table(dev.bookstore.model.sql.Layer.RAW,
                table).sql() + " WHERE load_id = :load_id").bind("load_id", loadId).mapTo(Long.class).one());
    }

    /** One attempt to load a kind's records of the batch. */
    private record Attempt(String loadId, SourceKind kind, List<ConsumerRecord<byte[], byte[]>> records,
                           Map<TopicPartition, Long> next) {
    }

    private final Map<String, Attempt> attempts = new LinkedHashMap<>();

    /** Polls the paused consumer once, so that it stays in its group; whatever it fetched is read again later. */
    private void pollPaused() {
        ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ZERO);
        if (!none.isEmpty()) {
            List<ConsumerRecord<byte[], byte[]>> dropped = new ArrayList<>();
            none.forEach(dropped::add);
            rewind(dropped); // fetched while paused (should not happen): read again after the batch
        }
    }

    /** Thrown when another process holds the ingest lock: retried like a database failure. */
    private static final class LockBusy extends RuntimeException {
        LockBusy() {
            super("another load holds the warehouse lock 'ingest'");
        }
    }

    /**
     * Loads the batch: one transaction per kind of record, each storing the offsets of its partitions; the records
     * of a kind are taken off the batch once committed (so a retry after a later kind failed loads only the rest).
     */
    private void load(List<ConsumerRecord<byte[], byte[]>> records) {
        long t0 = System.nanoTime();
        Map<SourceKind, List<ConsumerRecord<byte[], byte[]>>> byKind = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byKind.computeIfAbsent(topics.get(r.topic()), k -> new ArrayList<>()).add(r);
        }
        Optional<WarehouseLock> lock = wh.tryLock("ingest", LOCK_WAIT);
        if (lock.isEmpty()) {
            throw new LockBusy();
        }
        List<StreamReport> committed = new ArrayList<>();
        try {
            for (Map.Entry<SourceKind, List<ConsumerRecord<byte[], byte[]>>> e : byKind.entrySet()) {
                committed.add(loadKind(e.getKey(), e.getValue()));
                Set<ConsumerRecord<byte[], byte[]>> done = java.util.Collections.newSetFromMap(
                        new java.util.IdentityHashMap<>());
                done.addAll(e.getValue());
                records.removeIf(done::contains);
            }
        } finally {
            try {
                lock.get().close();
            } catch (RuntimeException e) {
                // a session lock dies with its connection: nothing is held after a failed release
                LOG.debug("stream {}: releasing the ingest lock failed: {}", group, e.getMessage());
            }
            if (!committed.isEmpty()) {
                batchCommitted(committed, Duration.ofNanos(System.nanoTime() - t0));
            }
        }
    }

    /** Loads one kind's records of the batch with their partitions' next offsets, and counts them. */
    private StreamReport loadKind(SourceKind kind, List<ConsumerRecord<byte[], byte[]>> records) {
        long t0 = System.nanoTime();
        LoadContext ctx = LoadContext.start(wh, options.ingest(), UUID.randomUUID().toString());
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            next.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
        }
        Map<String, Instant> newest = new HashMap<>();
        attempts.put(ctx.loadId(), new Attempt(ctx.loadId(), kind, records, next));
        List<SourceReport> reports = loadKind(ctx, Format.defaultFor(kind).plan(kind, ctx), records, next, newest);
        attempts.remove(ctx.loadId());
        next.forEach(stored::put);
        long[] counts = new long[4];
        for (SourceReport r : reports) {
            counts[0] += r.read();
            counts[1] += r.loaded();
            counts[2] += r.rejected();
            counts[3] += r.duplicates();
        }
        StreamReport counted = new StreamReport(group, 1, counts[0], counts[1], counts[2], counts[3], 0, List.of(),
                Duration.ZERO);
        StreamReport r = count(kind, records, counted, newest, Instant.now());
        return new StreamReport(group, 1, r.read(), r.loaded(), r.rejected(), r.duplicates(), 0, r.topics(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Adds a committed kind's counts to the totals, hints Kafka's committed offsets, and returns the kind's report
     * with its topics.
     */
    private StreamReport count(SourceKind kind, List<ConsumerRecord<byte[], byte[]>> records, StreamReport counted,
                               Map<String, Instant> newest, Instant committedAt) {
        Map<TopicPartition, OffsetAndMetadata> hint = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            hint.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        hints.add(hint); // sent by the consumer thread
        long[] counts = {counted.read(), counted.loaded(), counted.rejected(), counted.duplicates()};
        Map<String, long[]> topicRead = new LinkedHashMap<>();
        records.forEach(r -> topicRead.computeIfAbsent(r.topic(), t -> new long[1])[0]++);
        List<StreamReport.Topic> batchTopics = new ArrayList<>();
        synchronized (totalsLock) {
            read += counts[0];
            loaded += counts[1];
            rejected += counts[2];
            duplicates += counts[3];
            topicRead.forEach((topic, n) -> {
                TopicTotals t = perTopic.get(topic);
                t.read += n[0];
                Instant newestHere = newest.get(topic);
                if (newestHere != null && (t.newest == null || newestHere.isAfter(t.newest))) {
                    t.newest = newestHere;
                }
                t.lag = t.newest == null ? null : Duration.between(t.newest, committedAt);
                batchTopics.add(new StreamReport.Topic(topic, kind, n[0], Optional.ofNullable(newestHere),
                        Optional.ofNullable(newestHere).map(i -> Duration.between(i, committedAt))));
            });
        }
        loadedSinceRefresh.add(kind);
        return new StreamReport(group, 1, counts[0], counts[1], counts[2], counts[3], 0, batchTopics, Duration.ZERO);
    }

    /** Counts a committed batch, logs it with the lag per topic and tells the listener. */
    private void batchCommitted(List<StreamReport> kinds, Duration took) {
        long[] counts = new long[4];
        List<StreamReport.Topic> batchTopics = new ArrayList<>();
        for (StreamReport k : kinds) {
            counts[0] += k.read();
            counts[1] += k.loaded();
            counts[2] += k.rejected();
            counts[3] += k.duplicates();
            batchTopics.addAll(k.topics());
        }
        synchronized (totalsLock) {
            batches++;
        }
        StreamReport batchReport = new StreamReport(group, 1, counts[0], counts[1], counts[2], counts[3], 0,
                batchTopics, took);
        LOG.info("stream {}: batch of {} read, {} loaded, {} quarantined, {} duplicates in {} ms; lag {}", group,
                counts[0], counts[1], counts[2], counts[3], took.toMillis(), batchTopics.stream()
                        .map(t -> t.topic() + " " + t.lag().map(KafkaLoop::seconds).orElse("-"))
                        .collect(Collectors.joining(", ")));
        onBatch.accept(batchReport);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private <T> List<SourceReport> loadKind(LoadContext ctx, Plan<T> plan, List<ConsumerRecord<byte[], byte[]>> records,
                                            Map<TopicPartition, Long> next, Map<String, Instant> newest) {
        Map<TopicPartition, Optional<Long>> expected = new HashMap<>();
        next.keySet().forEach(tp -> expected.put(tp, Optional.ofNullable(stored.get(tp))));
        Iterable<SourceLoad.Located<T>> rows = () -> new Iterator<>() {
            private final Iterator<ConsumerRecord<byte[], byte[]>> it = records.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public SourceLoad.Located<T> next() {
                ConsumerRecord<byte[], byte[]> r = it.next();
                Candidate<T> c = candidate(plan, r);
                c.row().flatMap(KafkaLoop::eventTime).filter(t -> !t.isAfter(ctx.now()))
                        .ifPresent(t -> newest.merge(r.topic(), t, (a, b) -> a.isAfter(b) ? a : b));
                return new SourceLoad.Located<>(r.topic() + "/" + r.partition(), c);
            }
        };
        String name = "kafka " + records.stream().map(ConsumerRecord::topic).distinct().sorted()
                .collect(Collectors.joining(","));
        return SourceLoad.stream(ctx, plan, name.length() > 300 ? name.substring(0, 300) : name, rows,
                (c, report) -> {
                    for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                        StreamOffsets.advance(c, wh, group, e.getKey(), expected.get(e.getKey()), e.getValue(),
                                ctx.loadId());
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------ records

    /** A record's value parsed by {@code plan}: the rules of file ingest, with its offset as its line. */
    static <T> Candidate<T> candidate(Plan<T> plan, ConsumerRecord<byte[], byte[]> r) {
        long offset = r.offset();
        byte[] value = r.value();
        if (value == null || value.length == 0) {
            return new Candidate<>(offset, "", Optional.empty(), List.of(Violation.error("missing_value",
                    "the record at offset " + offset + " has no value (expected one " + plan.kind().code()
                            + " record)")));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return new Candidate<>(offset, new String(value, StandardCharsets.UTF_8), Optional.empty(),
                    List.of(Violation.error("invalid_character", "the record's value is not UTF-8 text")));
        }
        text = text.strip();
        if (text.isEmpty()) {
            return new Candidate<>(offset, text, Optional.empty(), List.of(Violation.error("missing_value",
                    "the record at offset " + offset + " is blank")));
        }
        if (plan.kind() == SourceKind.ORDERS && text.charAt(0) == '{') {
            return jsonOrder(plan, text, offset);
        }
        return plan.reparse(Optional.empty(), text, offset); // an event's JSON, an order's CSV line
    }

    /** An order line given as a JSON object with the CSV format's column names as keys. */
    private static <T> Candidate<T> jsonOrder(Plan<T> plan, String text, long offset) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Candidate<>(offset, text, Optional.empty(), List.of(Violation.error("malformed_json",
                    "the record is not valid JSON: " + e.getOriginalMessage())));
        }
        if (node == null || !node.isObject()) {
            return new Candidate<>(offset, text, Optional.empty(), List.of(Violation.error("not_an_object",
                    "the record is JSON but not an object")));
        }
        Map<String, String> values = new HashMap<>();
        List<Violation> invalid = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                invalid.add(Violation.error("invalid_type", e.getKey() + " is a JSON " + (v.isArray() ? "array"
                        : "object") + ", expected a string or a number"));
            } else if (!v.isNull()) {
                values.put(e.getKey(), v.asText());
            }
        });
        Candidate<T> c = plan.candidate(offset, values);
        if (!invalid.isEmpty()) {
            List<Violation> all = new ArrayList<>(c.violations());
            all.addAll(invalid);
            return new Candidate<>(offset, text, Optional.empty(), all);
        }
        return new Candidate<>(offset, text, c.row(), c.violations());
    }

    private static Optional<Instant> eventTime(Object row) {
        if (row instanceof ClickstreamEvent e) {
            return Optional.of(e.context().timestamp());
        }
        if (row instanceof OrderLine l) {
            return Optional.of(l.orderedAt().orElseGet(() -> l.orderDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ marts

    /** Runs the incremental models reading the raw tables loaded since the last run, when it is time (or last). */
    private void refresh(boolean last) {
        Duration every = options.refreshEvery();
        if (every.isZero() || loadedSinceRefresh.isEmpty()
                || (!last && System.nanoTime() - lastRefresh < every.toNanos())) {
            return;
        }
        List<String> models = loadedSinceRefresh.stream().map(k -> "stg_" + k.table()).toList();
        consumer.pause(consumer.assignment());
        try {
            long t0 = System.nanoTime();
            // the first run builds every model (those the selected ones join, e.g. stg_products, may not exist yet);
            // later runs only the models reading the loaded raw tables and their dependents
            Transform transform = Transform.on(wh).options(options.transform());
            TransformReport report = (refreshes == 0 ? transform : transform.select(models.toArray(String[]::new)))
                    .run();
            LOG.info("stream {}: refreshed the models reading {} in {} ms ({})", group, models,
                    (System.nanoTime() - t0) / 1_000_000, report.succeeded() ? "all built" : "some failed");
            synchronized (totalsLock) {
                refreshes++;
            }
        } catch (RuntimeException e) {
            LOG.warn("stream {}: refreshing the models failed ({}); the stream goes on, the next window retries", group,
                    e.getMessage());
        } finally {
            loadedSinceRefresh.clear();
            lastRefresh = System.nanoTime();
            resumePositioned();
        }
    }

    /** Resumes every assigned partition except those still waiting for their seek. */
    private void resumePositioned() {
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(unpositioned);
        consumer.resume(resume);
    }

    // ------------------------------------------------------------------------------------------------ report

    StreamReport report() {
        synchronized (totalsLock) {
            List<StreamReport.Topic> list = new ArrayList<>();
            perTopic.forEach((topic, t) -> list.add(new StreamReport.Topic(topic, topics.get(topic), t.read,
                    Optional.ofNullable(t.newest), Optional.ofNullable(t.lag))));
            return new StreamReport(group, batches, read, loaded, rejected, duplicates, refreshes, list,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static String names(Collection<TopicPartition> partitions) {
        return partitions.stream().map(tp -> tp.topic() + "/" + tp.partition()).sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
