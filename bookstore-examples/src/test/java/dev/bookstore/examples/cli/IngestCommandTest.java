package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bookstore ingest}: table and JSON reports, skipping reloads, usage errors. */
class IngestCommandTest {

    @Test
    void ingestsGeneratedFilesAndSkipsThemTheSecondTime(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertEquals(0, BookstoreCliTest.run("generate", "--out", data.toString(), "--customers", "300",
                "--products", "50", "--months", "1", "--events", "2000", "--problems", "on").exit());
        String db = "jdbc:duckdb:" + dir.resolve("wh.duckdb");
        BookstoreCliTest.Run first = BookstoreCliTest.run("ingest", "--db", db, "--json",
                "--customers", data.resolve("raw_customers.csv").toString(),
                "--products", data.resolve("raw_products.csv").toString(),
                "--orders", data.resolve("raw_orders.csv").toString(),
                "--events", data.resolve("clickstream_events.jsonl").toString());
        assertEquals(0, first.exit(), first.err());
        JsonNode report = new ObjectMapper().readTree(first.out());
        assertEquals(4, report.get("sources").size(), first.out());
        for (JsonNode s : report.get("sources")) {
            assertEquals(s.get("read").asLong(), s.get("loaded").asLong() + s.get("rejected").asLong()
                    + s.get("duplicates").asLong(), s.toString());
        }
        BookstoreCliTest.Run again = BookstoreCliTest.run("ingest", "--db", db, "--orders",
                data.resolve("raw_orders.csv").toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("loaded before"), again.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, BookstoreCliTest.run("ingest", "--db", "jdbc:duckdb:").exit());
        assertEquals(2, BookstoreCliTest.run("ingest", "--db", "jdbc:duckdb:", "--orders", "x.csv", "--format",
                "parquet").exit());
        assertEquals(2, BookstoreCliTest.run("ingest", "--db", "jdbc:duckdb:", "--format", "online-retail",
                "--events", "x.jsonl").exit());
    }

    @Test
    void aMissingFileIsAOneLineFailure() {
        BookstoreCliTest.Run r = BookstoreCliTest.run("ingest", "--db", "jdbc:duckdb:", "--orders", "no/such.csv");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no/such.csv"), r.err());
    }
}
