package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.SalesSummary;
import dev.bookstore.model.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bookstore metrics}: the summary as text and JSON, equal to the library's figures; exit codes. */
class MetricsCommandTest {
    @TempDir
    static Path dir;
    static String db;

    @BeforeAll
    static void buildAWarehouse() {
        Path data = dir.resolve("data");
        BookstoreCliTest.Run gen = BookstoreCliTest.run("generate", "--out", data.toString(), "--customers", "400",
                "--products", "60", "--months", "2", "--events", "4000");
        assertEquals(0, gen.exit(), gen::toString);
        db = "jdbc:duckdb:" + dir.resolve("wh.duckdb");
        BookstoreCliTest.Run run = BookstoreCliTest.run("run", "--db", db, "--data", data.toString());
        assertEquals(0, run.exit(), run::toString);
    }

    @Test
    void printsAReadableSummary() {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28");
        assertEquals(0, r.exit(), r::toString);
        for (String part : new String[] {"Revenue   gross", "Orders", "average order value", "Active", "By month",
            "Top products by revenue", "Categories", "Funnel (product_view", "Channels", "Retention cohorts",
            "2025-01"}) {
            assertTrue(r.out().contains(part), () -> "missing '" + part + "' in\n" + r.out());
        }
        assertEquals("", r.err());
    }

    @Test
    void printsTheSameFiguresAsJson() throws Exception {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28", "--json", "--top", "3");
        assertEquals(0, r.exit(), r::toString);
        JsonNode json = new ObjectMapper().readTree(r.out());
        SalesSummary sales;
        try (Warehouse wh = Warehouse.connect(db)) {
            sales = Metrics.on(wh).sales(DateRange.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28)));
        }
        assertEquals(sales.orders(), json.at("/sales/orders").asLong());
        assertEquals(sales.grossRevenue(), json.at("/sales/grossRevenue").decimalValue());
        assertEquals(sales.averageOrderValue().orElseThrow(), json.at("/sales/averageOrderValue").decimalValue());
        assertEquals(3, json.get("topProducts").size());
        assertEquals(4, json.at("/funnel/steps").size());
        assertEquals(2, json.get("months").size());
        assertTrue(json.get("channels").size() > 0 && json.get("retentionCohorts").size() == 2, r.out());
    }

    @Test
    void aReversedRangeIsAUsageError() {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-03-01", "--to",
                "2025-01-01");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().startsWith("error: Invalid values: --from 2025-03-01 is after --to 2025-01-01"), r.err());
    }

    @Test
    void aBadDateIsAUsageErrorAndAnUnreachableDatabaseAOneLineFailure() {
        BookstoreCliTest.Run bad = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-13-01", "--to",
                "2025-12-31");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("--from"), bad.err());
        BookstoreCliTest.Run down = BookstoreCliTest.run("metrics", "--db", "jdbc:nope:x", "--from", "2025-01-01",
                "--to", "2025-01-31");
        assertEquals(1, down.exit(), down::toString);
        assertEquals(1, down.err().strip().lines().count(), down.err());
    }
}
