package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.KafkaTesting.Out;
import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults against the real broker and PostgreSQL: the consumer's JVM killed (SIGKILL) mid-stream and restarted,
 * the database dropping the stream's connections for seconds, and two consumers (two JVMs) sharing a group while
 * one leaves (SIGTERM). After each, the raw table equals what file ingest loads from the produced lines, the
 * quarantine holds each rejected record once, and the records read add up to the records produced (none read
 * twice).
 */
@ExtendWith(Warehouses.class)
class KafkaStreamFaultTest {

    /** The produced events: the generator's lines and one poison record per partition (3 partitions). */
    record Produced(String topic, List<String> lines, long records) {
    }

    static Produced produce(String prefix) throws Exception {
        String topic = KafkaTesting.topic(prefix, 3);
        List<String> lines = KafkaStreamTest.eventLines();
        KafkaTesting.produce(topic, KafkaStreamTest.keyedByUser(lines));
        KafkaTesting.produce(topic, List.of(Out.to(0, "{broken"), Out.to(1, "42"), Out.to(2, "{\"event\":\"x\"}")));
        return new Produced(topic, lines, lines.size() + 3L);
    }

    static long storedSum(Warehouse wh, String group) {
        return Db.scalar(wh, "SELECT COALESCE(SUM(next_offset), 0) FROM " + wh.table(Layer.META, "stream_offsets")
                .sql() + " WHERE consumer_group = ?", group);
    }

    /** The raw events equal file ingest's, and the quarantine holds the file's rejects plus the 3 poison records. */
    static void assertLoadedExactlyOnce(TestDatabase db, Warehouse wh, Produced p) throws Exception {
        assertEquals(KafkaStreamTest.fileIngestOf(db.kind(), p.lines()), KafkaTesting.events(wh));
        long fileRejected = fileRejected(db.kind(), p.lines());
        assertEquals(fileRejected + 3, Db.scalar(wh, "SELECT COUNT(*) FROM " + wh.table(Layer.RAW,
                "events_quarantine").sql() + " WHERE source_name LIKE ?", p.topic() + "/%"),
                "every rejected record quarantined once");
        assertEquals(0, Db.scalar(wh, "SELECT COUNT(*) FROM (SELECT source_name, source_line FROM "
                + wh.table(Layer.RAW, "events_quarantine").sql() + " GROUP BY source_name, source_line "
                + "HAVING COUNT(*) > 1) d"), "no offset quarantined twice");
        assertEquals(p.records(), storedSum(wh, "g-" + p.topic()), "the stored offsets are the partitions' ends");
    }

    static long fileRejected(DatabaseKind kind, List<String> lines) throws Exception {
        Path file = Files.createTempFile("stream-reference", ".jsonl");
        Files.write(file, lines);
        Warehouses.Built ref = Warehouses.fresh(kind, WarehouseConfig.defaults());
        try {
            ref.warehouse().init();
            return Ingest.into(ref.warehouse()).events(file).options(Warehouses.INGEST).run()
                    .source(SourceKind.EVENTS).orElseThrow().rejected();
        } finally {
            Warehouses.drop(ref);
            Files.deleteIfExists(file);
        }
    }

    static Process child(TestDatabase db, String topic, String group, int batchRows, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                KafkaStreamChild.class.getName(), db.url(), db.namespace(), KafkaTesting.bootstrap(), topic, group,
                Integer.toString(batchRows));
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.toFile());
        return pb.start();
    }

    static long committedBy(Path out) throws Exception {
        return Files.readAllLines(out).stream().filter(l -> l.startsWith("committed "))
                .mapToLong(l -> Long.parseLong(l.substring("committed ".length()).strip())).sum();
    }

    static StreamReport finish(Warehouse wh, Produced p) {
        return KafkaStream.from(KafkaTesting.consumer()).events(p.topic()).group("g-" + p.topic())
                .options(KafkaStreamTest.QUICK).into(wh).run();
    }

    @EachDatabase(DatabaseKind.POSTGRESQL)
    void aConsumerKilledMidStreamLosesNothingAndLoadsNothingTwiceAfterARestart(TestDatabase db) throws Exception {
        Produced p = produce("kill");
        Warehouse wh = db.warehouse();
        wh.init();
        StreamOffsets.create(wh);
        Path out = Files.createTempFile("stream-child", ".log");
        Process child = child(db, p.topic(), "g-" + p.topic(), 100, out);
        try {
            assertTrue(KafkaTesting.eventually(Duration.ofSeconds(60), () -> storedSum(wh, "g-" + p.topic()) >= 400),
                    "the child committed batches: " + Files.readString(out));
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, wherever the batch is
            child.waitFor();
        }
        long storedAtKill = storedSum(wh, "g-" + p.topic());
        assertTrue(storedAtKill < p.records(), "killed mid-stream: " + storedAtKill + " of " + p.records());
        assertEquals(storedAtKill, committedBy(out), "what the child reported committed is what the warehouse holds");

        StreamReport restarted = finish(wh, p);
        assertEquals(p.records() - storedAtKill, restarted.read(), "the restart reads from the stored offsets on");
        assertLoadedExactlyOnce(db, wh, p);
        Files.deleteIfExists(out);
    }

    @EachDatabase(DatabaseKind.POSTGRESQL)
    void theStreamWaitsWhileTheDatabaseDropsItsConnectionsAndResumes(TestDatabase db) throws Exception {
        String app = "kafkastream_" + db.namespace();
        Warehouse watcher = db.warehouse();
        watcher.init();
        String topic = KafkaTesting.topic("pause", 3);
        List<String> lines = KafkaStreamTest.eventLines();
        List<Out> records = KafkaStreamTest.keyedByUser(lines);
        Produced p = new Produced(topic, lines, lines.size() + 3L);
        KafkaTesting.produce(topic, records.subList(0, records.size() / 4));
        AtomicLong terminated = new AtomicLong();
        try (Warehouse wh = Warehouse.connect(db.url() + "&ApplicationName=" + app,
                WarehouseConfig.defaults().withNamespace(db.namespace()).withConnectTimeout(Duration.ofSeconds(5)))) {
            Thread killer = new Thread(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                while (System.nanoTime() < until) {
                    terminated.addAndGet(Db.scalar(watcher, "SELECT COUNT(pg_terminate_backend(pid)) FROM "
                            + "pg_stat_activity WHERE application_name = ?", app));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            StreamRun run = KafkaStream.from(KafkaTesting.consumer()).events(p.topic()).group("g-" + p.topic())
                    .options(KafkaStreamTest.QUICK.withBatchRows(200).withStopWhenIdle(Duration.ZERO)).into(wh)
                    .start();
            assertTrue(KafkaTesting.eventually(Duration.ofSeconds(30), () -> run.progress().batches() > 0),
                    "a first batch before the outage");
            killer.start();
            KafkaTesting.produce(topic, records.subList(records.size() / 4, records.size())); // during the outage
            KafkaTesting.produce(topic, List.of(Out.to(0, "{broken"), Out.to(1, "42"), Out.to(2, "{\"event\":\"x\"}")));
            killer.join();
            assertTrue(KafkaTesting.eventually(Duration.ofSeconds(60),
                    () -> run.progress().read() == p.records()), "everything read after the outage: "
                    + run.progress());
            run.stop();
            StreamReport report = run.await();
            assertEquals(p.records(), report.read());
        }
        assertTrue(terminated.get() > 0, "the outage dropped the stream's connections");
        assertLoadedExactlyOnce(db, watcher, p);
    }

    @EachDatabase(DatabaseKind.POSTGRESQL)
    void twoConsumersShareTheGroupAndAMovedPartitionResumesFromTheStoredOffset(TestDatabase db) throws Exception {
        String topic = KafkaTesting.topic("share", 3);
        List<String> lines = KafkaStreamTest.eventLines();
        List<Out> records = KafkaStreamTest.keyedByUser(lines);
        int third = records.size() / 3;
        Produced p = new Produced(topic, lines, lines.size() + 3L);
        KafkaTesting.produce(topic, records.subList(0, third));
        Warehouse wh = db.warehouse();
        wh.init();
        StreamOffsets.create(wh);
        String group = "g-" + topic;
        Path out = Files.createTempFile("stream-child", ".log");
        Process other = child(db, topic, group, 100, out);
        StreamRun here = null;
        try {
            assertTrue(KafkaTesting.eventually(Duration.ofSeconds(60), () -> storedSum(wh, group) > 0),
                    "the other JVM committed: " + Files.readString(out));
            here = KafkaStream.from(KafkaTesting.consumer()).events(topic).group(group)
                    .options(KafkaStreamTest.QUICK.withBatchRows(100).withStopWhenIdle(Duration.ZERO)).into(wh).start();
            StreamRun mine = here;
            // in small steps until this JVM reads some: produced at once, the other JVM (pipelined) may read all of
            // them before the rebalance gives this one its partitions
            int at = third;
            while (at < 2 * third && mine.progress().read() == 0) {
                KafkaTesting.produce(topic, records.subList(at, Math.min(at + 10, 2 * third)));
                at = Math.min(at + 10, 2 * third);
                Thread.sleep(250);
            }
            KafkaTesting.produce(topic, records.subList(at, 2 * third)); // the rest of the second third
            assertTrue(KafkaTesting.eventually(Duration.ofSeconds(60), () -> mine.progress().read() > 0),
                    "this JVM got partitions of its own");
            long before = committedBy(out);
            other.destroy(); // SIGTERM: the other JVM finishes its batch and leaves; its partitions move here
            assertEquals(0, other.waitFor() == 143 ? 0 : other.exitValue() == 0 ? 0 : other.exitValue(),
                    "clean stop: " + Files.readString(out));
            assertTrue(Files.readString(out).contains("stopped after"), Files.readString(out));
            assertTrue(before > 0);
            KafkaTesting.produce(topic, records.subList(2 * third, records.size()));
            KafkaTesting.produce(topic, List.of(Out.to(0, "{broken"), Out.to(1, "42"), Out.to(2, "{\"event\":\"x\"}")));
            assertTrue(KafkaTesting.eventually(Duration.ofSeconds(60), () -> storedSum(wh, group) == p.records()),
                    "all partitions loaded to their ends: " + storedSum(wh, group));
            here.stop();
            StreamReport mineReport = here.await();
            here = null;
            assertEquals(p.records(), committedBy(out) + mineReport.read(),
                    "the two consumers read every record once between them");
        } finally {
            if (here != null) {
                here.close();
            }
            other.destroyForcibly();
        }
        assertLoadedExactlyOnce(db, wh, p);
        Files.deleteIfExists(out);
    }
}
