package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
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
        JsonNode report = JsonConvention.check(first.out());
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
    void quarantinedRowsAreReplayedWithAnotherDatePolicy(@TempDir Path dir) throws Exception {
        Path customers = dir.resolve("customers.csv");
        java.nio.file.Files.writeString(customers, "customer_id,email,first_name,last_name,registration_date,city,"
                + "state,country,acquisition_channel\n"
                + "CUST_1,a@example.com,Ann,Lee,2024-05-01,Leeds,,United Kingdom,email\n"
                + "CUST_2,b@example.com,Bo,Li,03/04/2024,York,,United Kingdom,email\n");
        String db = "jdbc:duckdb:" + dir.resolve("wh.duckdb");
        BookstoreCliTest.Run strict = BookstoreCliTest.run("ingest", "--db", db, "--json", "--customers",
                customers.toString(), "--date-policy", "reject-ambiguous");
        assertEquals(0, strict.exit(), strict.err());
        JsonNode s = JsonConvention.check(strict.out()).get("sources").get(0);
        assertEquals(List.of(2L, 1L, 1L), List.of(s.get("read").asLong(), s.get("loaded").asLong(),
                s.get("rejected").asLong()), strict.out());
        assertEquals(1, s.get("rejections_by_rule").get("ambiguous_date").asLong(), strict.out());

        BookstoreCliTest.Run replay = BookstoreCliTest.run("ingest", "--db", db, "--json", "--replay-quarantine",
                "customers", "--date-policy", "month-first");
        assertEquals(0, replay.exit(), replay.err());
        JsonNode r = JsonConvention.check(replay.out()).get("sources").get(0);
        assertEquals("customers_quarantine", r.get("file").asText(), replay.out());
        assertEquals(List.of(1L, 1L, 0L), List.of(r.get("read").asLong(), r.get("loaded").asLong(),
                r.get("rejected").asLong()), replay.out());

        BookstoreCliTest.Run table = BookstoreCliTest.run("ingest", "--db", db, "--replay-quarantine", "customers");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("customers_quarantine"), table.out());
        assertEquals(2, BookstoreCliTest.run("ingest", "--db", db, "--replay-quarantine", "invoices").exit());
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
