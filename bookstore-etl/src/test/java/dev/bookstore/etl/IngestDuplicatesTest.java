package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicates are found by the database against everything already loaded: appending rows to a file and loading it
 * again adds only the new rows; another file repeating known rows adds only its new ones.
 */
class IngestDuplicatesTest {
    @TempDir
    static Path dir;
    static Manifest manifest;

    @BeforeAll
    static void generate() throws IOException {
        manifest = Generator.generate(GeneratorOptions.defaults().withCustomers(300).withProducts(50).withMonths(1)
                .withOrdersPerMonth(400).withEvents(3_000).withSeed(5), dir.resolve("full"));
    }

    static IngestOptions options() {
        return IngestOptions.defaults().withClock(Db.startOf(manifest.truth().window().endExclusive()));
    }

    /** The file without its last {@code n} lines, as {@code name} in a directory of its own. */
    static Path withoutLast(String file, int n, String name) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("full").resolve(file));
        Path target = Files.createDirectories(dir.resolve("cut_" + n)).resolve(name);
        Files.write(target, lines.subList(0, lines.size() - n));
        return target;
    }

    @EachDatabase
    void appendingTenLinesToAFileAndLoadingItAgainLoadsExactlyTheTenNewLines(Warehouse wh) throws IOException {
        Path full = dir.resolve("full");
        Ingest first = Ingest.into(wh).options(options())
                .customers(withoutLast(Generator.CUSTOMERS_FILE, 10, Generator.CUSTOMERS_FILE))
                .products(full.resolve(Generator.PRODUCTS_FILE))
                .orders(withoutLast(Generator.ORDERS_FILE, 10, Generator.ORDERS_FILE))
                .events(withoutLast(Generator.EVENTS_FILE, 10, Generator.EVENTS_FILE));
        IngestReport before = first.run();
        IngestReport after = Ingest.into(wh).options(options())
                .customers(full.resolve(Generator.CUSTOMERS_FILE))
                .orders(full.resolve(Generator.ORDERS_FILE))
                .events(full.resolve(Generator.EVENTS_FILE))
                .run();
        for (SourceKind kind : List.of(SourceKind.CUSTOMERS, SourceKind.ORDERS, SourceKind.EVENTS)) {
            SourceReport b = before.source(kind).orElseThrow();
            SourceReport a = after.source(kind).orElseThrow();
            assertEquals(0, b.duplicates() + b.rejected(), kind.code());
            assertEquals(b.read() + 10, a.read(), kind.code());
            assertEquals(10, a.loaded(), kind.code());
            assertEquals(b.read(), a.duplicates(), kind.code());
            assertEquals(0, a.rejected(), kind.code());
            assertEquals(a.read(), Db.raw(wh, kind.table()), kind.code());
        }
        // line numbers stay dense per order across the two loads: 1..n for an order of n lines
        assertEquals(0, Db.scalar(wh, "SELECT COUNT(*) FROM (SELECT order_id FROM ${raw:orders} GROUP BY order_id "
                + "HAVING MAX(line_no) <> COUNT(*) OR MIN(line_no) <> 1) x"));
    }

    @EachDatabase
    void anotherFileRepeatingLoadedOrderLinesAddsOnlyItsNewLines(Warehouse wh) throws IOException {
        Path products = Files.writeString(dir.resolve("dup_products_" + System.nanoTime() + ".csv"),
                IngestFilesTest.PRODUCTS_HEADER + "\nBOOK_1,A,B,Fiction,Mystery,1.00,,1\n"
                        + "BOOK_2,A,B,Fiction,Mystery,1.00,,1\nBOOK_3,A,B,Fiction,Mystery,1.00,,1\n");
        String header = IngestFilesTest.ORDERS_HEADER + "\n";
        Path a = Files.writeString(dir.resolve("orders_a.csv"), header
                + IngestFilesTest.order("ORD_1", "2025-01-04", "BOOK_1", "1", "1.00", "delivered")
                + IngestFilesTest.order("ORD_1", "2025-01-04", "BOOK_2", "1", "1.00", "delivered")
                + IngestFilesTest.order("ORD_2", "2025-01-04", "BOOK_1", "1", "1.00", "delivered"));
        Path b = Files.writeString(dir.resolve("orders_b.csv"), header
                + IngestFilesTest.order("ORD_1", "2025-01-04", "BOOK_2", "1", "1.00", "delivered")   // loaded before
                + IngestFilesTest.order("ORD_1", "2025-01-04", "BOOK_3", "2", "1.00", "delivered")   // new line
                + IngestFilesTest.order("ORD_1", "2025-01-04", "BOOK_3", "5", "1.00", "delivered")   // same key
                + IngestFilesTest.order("ORD_3", "2025-01-04", "BOOK_1", "1", "1.00", "delivered"));
        Ingest.into(wh).products(products).orders(a).options(IngestFilesTest.options()).run();
        SourceReport r = Ingest.into(wh).orders(b).options(IngestFilesTest.options()).run().sources().get(0);
        assertEquals(List.of(4L, 2L, 2L, 0L), List.of(r.read(), r.loaded(), r.duplicates(), r.rejected()));
        assertEquals(List.of(List.of("ORD_1", "1", "BOOK_1", "orders_a.csv"), List.of("ORD_1", "2", "BOOK_2",
                        "orders_a.csv"), List.of("ORD_1", "3", "BOOK_3", "orders_b.csv"),
                        List.of("ORD_2", "1", "BOOK_1", "orders_a.csv"), List.of("ORD_3", "1", "BOOK_1", "orders_b.csv")),
                Db.rows(wh, "SELECT order_id, line_no, product_id, source_name FROM ${raw:orders} "
                        + "ORDER BY order_id, line_no"));
        assertEquals("3", Db.rows(wh, "SELECT source_line FROM ${raw:orders} WHERE product_id = 'BOOK_3'").get(0)
                .get(0));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void warningsAreCountedOnlyForLoadedRows(Warehouse wh) throws IOException {
        Path products = Files.writeString(dir.resolve("w_products.csv"),
                IngestFilesTest.PRODUCTS_HEADER + "\nBOOK_1,A,B,Fiction,Mystery,1.00,,1\n");
        String noState = IngestFilesTest.order("ORD_1", "04/01/2025", "BOOK_1", "1", "1.00", "delivered")
                .replace("West Yorkshire", "");
        Path orders = Files.writeString(dir.resolve("w_orders.csv"), IngestFilesTest.ORDERS_HEADER + "\n"
                + noState + noState + noState);
        SourceReport r = Ingest.into(wh).products(products).orders(orders).options(IngestFilesTest.options()).run()
                .source(SourceKind.ORDERS).orElseThrow();
        assertEquals(List.of(1L, 2L), List.of(r.loaded(), r.duplicates()));
        assertEquals(Map.of("missing_shipping_state", 1L, "non_iso_date", 1L), r.warningsByRule());
        SourceReport again = Ingest.into(wh).orders(orders).options(IngestFilesTest.options()
                .withSkipLoadedFiles(false)).run().sources().get(0);
        assertEquals(3, again.duplicates());
        assertTrue(again.warningsByRule().isEmpty(), again.warningsByRule().toString());
    }
}
