package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.examples.cli.BookstoreCliTest.Run;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bookstore generate --to-kafka} then {@code bookstore stream} against the broker of
 * {@code scripts/kafka-broker start} ({@code BOOKSTORE_KAFKA_BOOTSTRAP}; skipped without it, failed under CI), and
 * the stream command's usage errors.
 */
class StreamCommandTest {
    @TempDir
    Path dir;

    static String bootstrap() {
        String b = System.getenv("BOOKSTORE_KAFKA_BOOTSTRAP");
        if (b == null || b.isBlank()) {
            DatabaseKind.unavailable("Kafka is not configured: set BOOKSTORE_KAFKA_BOOTSTRAP to what "
                    + "scripts/kafka-broker start prints");
        }
        return b.strip();
    }

    @Test
    void publishedEventsAreStreamedIntoTheWarehouseAndARerunLoadsNothing() throws Exception {
        String bootstrap = bootstrap();
        String topic = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Run generated = BookstoreCliTest.run("generate", "--to-kafka", bootstrap, "--topic", topic, "--out",
                dir.resolve("data").toString(), "--customers", "100", "--products", "30", "--months", "1",
                "--events", "1500");
        assertEquals(0, generated.exit(), generated::toString);
        assertTrue(generated.out().contains("published 1,500 events to " + topic), generated::toString);
        long lines = Files.readAllLines(dir.resolve("data/clickstream_events.jsonl")).stream()
                .filter(l -> !l.isBlank()).count();
        assertEquals(1500, lines);

        String db = "jdbc:duckdb:" + dir.resolve("stream.duckdb");
        Run streamed = BookstoreCliTest.run("stream", "--db", db, "--bootstrap", bootstrap, "--topic", topic,
                "--group", "g-" + topic, "--batch-rows", "500", "--stop-when-idle", "2");
        assertEquals(0, streamed.exit(), streamed::toString);
        assertTrue(java.util.regex.Pattern.compile("(?m)^batch: [0-9,]+ read, [0-9,]+ loaded, 0 quarantined, "
                + "0 duplicates in .*; lag " + topic + " ").matcher(streamed.out()).find(), streamed::toString);
        assertTrue(streamed.out().contains("stopped: ") && streamed.out().contains("1,500 read, 1,500 loaded"),
                streamed::toString);
        try (Warehouse wh = Warehouse.connect(db)) {
            long raw = wh.withHandle(h -> h.createQuery(wh.render("SELECT COUNT(*) FROM ${raw:events}"))
                    .mapTo(Long.class).one());
            assertEquals(lines, raw);
        }
        Run again = BookstoreCliTest.run("stream", "--db", db, "--bootstrap", bootstrap, "--topic", topic,
                "--group", "g-" + topic, "--stop-when-idle", "2");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("stopped: 0 batches, 0 read"), again::toString);
    }

    @Test
    void badValuesAreUsageErrors() {
        Run noTopic = BookstoreCliTest.run("stream", "--db", "jdbc:duckdb:", "--bootstrap", "127.0.0.1:1");
        assertEquals(2, noTopic.exit(), noTopic::toString);
        assertTrue(noTopic.err().contains("--topic"), noTopic::toString);
        Run kind = BookstoreCliTest.run("stream", "--db", "jdbc:duckdb:", "--bootstrap", "127.0.0.1:1", "--topic",
                "t", "--kind", "customers");
        assertEquals(2, kind.exit(), kind::toString);
        assertTrue(kind.err().contains("'customers' is not a kind: use events or orders"), kind::toString);
        Run rows = BookstoreCliTest.run("stream", "--db", "jdbc:duckdb:", "--bootstrap", "127.0.0.1:1", "--topic",
                "t", "--batch-rows", "0");
        assertEquals(2, rows.exit(), rows::toString);
        Run noOut = BookstoreCliTest.run("generate");
        assertEquals(2, noOut.exit(), noOut::toString);
        assertTrue(noOut.err().contains("--out"), noOut::toString);
    }
}
