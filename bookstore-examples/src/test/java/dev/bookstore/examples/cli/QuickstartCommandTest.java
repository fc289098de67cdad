package dev.bookstore.examples.cli;

import static dev.bookstore.examples.cli.BookstoreCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.examples.cli.BookstoreCliTest.Run;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.sql.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quickstart} end to end on a small data set: files, an embedded DuckDB warehouse, rows in raw tables. */
class QuickstartCommandTest {
    private static Run quickstart(Path work, int customers) {
        return run("quickstart", "--work=" + work, "--customers", Integer.toString(customers), "--products", "60",
                "--months", "2", "--events", "3000", "--seed", "11");
    }

    private static Map<String, Long> rawCounts(Path database) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Warehouse wh = Warehouse.connect("jdbc:duckdb:" + database)) {
            for (String table : new String[] {"customers", "products", "orders", "events"}) {
                String sql = "SELECT count(*) FROM " + wh.table(Layer.RAW, table).sql();
                counts.put(table, wh.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one()));
            }
        }
        return counts;
    }

    @Test
    void loadsTheGeneratedDataIntoDuckDbAndCanRunAgain(@TempDir Path work) throws Exception {
        Run first = quickstart(work, 400);
        assertEquals(0, first.exit(), first::toString);
        Path database = work.resolve(QuickstartCommand.DATABASE_FILE);
        assertTrue(Files.isRegularFile(database), database::toString);
        Manifest m = Manifest.read(work.resolve(QuickstartCommand.DATA_DIR));
        Map<String, Long> expected = Map.of(
                "customers", m.files().get(Generator.CUSTOMERS_FILE),
                "products", m.files().get(Generator.PRODUCTS_FILE),
                "orders", m.files().get(Generator.ORDERS_FILE),
                "events", m.files().get(Generator.EVENTS_FILE));
        Map<String, Long> counts = rawCounts(database);
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), counts.get(e.getKey()), "raw " + e.getKey() + " rows\n" + first.out());
        }
        assertTrue(first.out().contains("init") && first.out().contains("total"), first::out);

        Run again = quickstart(work, 400);
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("reused"), again::out);
        assertEquals(counts, rawCounts(database), "a second run must not load the same files twice");
    }

    @Test
    void otherOptionsReplaceDataAndWarehouse(@TempDir Path work) {
        assertEquals(0, quickstart(work, 400).exit());
        Run other = quickstart(work, 300);
        assertEquals(0, other.exit(), other::toString);
        assertEquals(300L, rawCounts(work.resolve(QuickstartCommand.DATABASE_FILE)).get("customers"), other::out);
    }
}
