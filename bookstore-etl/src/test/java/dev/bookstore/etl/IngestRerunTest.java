package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load is idempotent, so that a run that died half-way is repaired by running it again: where the database
 * cannot roll back (Trino) the rows of a load can be in the raw tables while its record in the load log is not. A
 * re-run then loads nothing twice, records the load, and a third run skips the files.
 */
class IngestRerunTest {
    @TempDir
    static Path dir;
    static Manifest manifest;

    @BeforeAll
    static void generate() throws IOException {
        manifest = Generator.generate(GeneratorOptions.defaults().withCustomers(200).withProducts(40).withMonths(1)
                .withOrdersPerMonth(300).withEvents(2_000).withSeed(11), dir);
    }

    private static IngestReport load(Warehouse wh) {
        return Ingest.into(wh).options(IngestOptions.defaults().withClock(
                        Db.startOf(manifest.truth().window().endExclusive())))
                .customers(dir.resolve(Generator.CUSTOMERS_FILE))
                .products(dir.resolve(Generator.PRODUCTS_FILE))
                .orders(dir.resolve(Generator.ORDERS_FILE))
                .events(dir.resolve(Generator.EVENTS_FILE))
                .run();
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void aLoadWhoseRecordWasLostIsRepairedByARerunWithoutDuplicates(Warehouse wh) {
        IngestReport first = load(wh);
        List<SourceKind> kinds = List.of(SourceKind.CUSTOMERS, SourceKind.PRODUCTS, SourceKind.ORDERS,
                SourceKind.EVENTS);
        for (SourceKind kind : kinds) {
            SourceReport r = first.source(kind).orElseThrow();
            assertEquals(r.read(), r.loaded(), kind.code());
            assertEquals(r.read(), Db.raw(wh, kind.table()), kind.code());
        }
        // the run "died" after moving the orders and events into the raw tables, before recording them
        wh.withHandle(h -> h.createUpdate(wh.render("DELETE FROM ${meta:load_log} WHERE source_kind IN "
                + "('orders', 'events')")).execute());

        IngestReport rerun = load(wh);
        for (SourceKind kind : List.of(SourceKind.ORDERS, SourceKind.EVENTS)) {
            SourceReport before = first.source(kind).orElseThrow();
            SourceReport again = rerun.source(kind).orElseThrow();
            assertFalse(again.skipped(), kind.code() + " is read again: its load was not recorded");
            assertEquals(0, again.loaded(), kind.code());
            assertEquals(before.read(), again.duplicates(), kind.code());
            assertEquals(before.read(), Db.raw(wh, kind.table()), kind.code() + ": nothing loaded twice");
        }
        for (SourceKind kind : List.of(SourceKind.CUSTOMERS, SourceKind.PRODUCTS)) {
            assertTrue(rerun.source(kind).orElseThrow().skipped(), kind.code() + " was recorded: skipped");
        }
        // line numbers stay dense per order: the re-run numbered nothing anew
        assertEquals(0, Db.scalar(wh, "SELECT COUNT(*) FROM (SELECT order_id FROM ${raw:orders} GROUP BY order_id "
                + "HAVING MAX(line_no) <> COUNT(*) OR MIN(line_no) <> 1) x"));

        IngestReport third = load(wh);
        for (SourceKind kind : kinds) {
            assertTrue(third.source(kind).orElseThrow().skipped(), kind.code() + " is recorded now: skipped");
            assertEquals(first.source(kind).orElseThrow().read(), Db.raw(wh, kind.table()), kind.code());
        }
    }
}
