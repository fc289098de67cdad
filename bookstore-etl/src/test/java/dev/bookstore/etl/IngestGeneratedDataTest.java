package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests a generated data set with planted problems and checks every count against the generator's manifest,
 * on every database.
 */
class IngestGeneratedDataTest {
    @TempDir
    static Path dir;
    static Manifest manifest;
    static Manifest.Problems problems;

    @BeforeAll
    static void generate() throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults().withCustomers(1_000).withProducts(200).withMonths(2)
                .withEvents(20_000).withOrdersPerMonth(3_000).withSeed(11).withProblems(true);
        manifest = Generator.generate(options, dir);
        problems = manifest.truth().problems();
        // the planted problems this test relies on are all present
        assertTrue(problems.duplicateOrderLines() > 0 && problems.negativePrices() > 0
                && problems.unknownProducts() > 0 && problems.futureDates() > 0 && problems.missingShippingState() > 0
                && problems.dayFirstDates() > problems.ambiguousDayFirstDates()
                && problems.ambiguousDayFirstDates() > 0 && problems.malformedJsonLines() > 0, problems.toString());
    }

    /** Now = the end of the data window: every planted future date is later, every true date earlier. */
    static IngestOptions options() {
        return IngestOptions.defaults().withClock(Db.startOf(manifest.truth().window().endExclusive()));
    }

    /** The four files, by {@link Ingest#directory}: reference data first (the report's order pins it). */
    static Ingest all(Warehouse wh) {
        return Ingest.into(wh).directory(dir);
    }

    @EachDatabase
    void aFolderLoadsTheFilesItHoldsReferenceDataFirst(Warehouse wh) throws IOException {
        Path some = Files.createTempDirectory(dir, "some");
        Files.copy(dir.resolve(Generator.ORDERS_FILE), some.resolve(Generator.ORDERS_FILE));
        Files.copy(dir.resolve(Generator.PRODUCTS_FILE), some.resolve(Generator.PRODUCTS_FILE));
        IngestReport report = Ingest.into(wh).directory(some).options(options()).run();
        assertEquals(List.of(SourceKind.PRODUCTS, SourceKind.ORDERS),
                report.sources().stream().map(SourceReport::source).toList());
        assertEquals(manifest.files().get(Generator.ORDERS_FILE),
                report.source(SourceKind.ORDERS).orElseThrow().read());
        Path empty = Files.createTempDirectory(dir, "empty");
        BookstoreException e = assertThrows(BookstoreException.class, () -> Ingest.into(wh).directory(empty));
        assertEquals("no input files in " + empty + ": expected at least one of raw_customers.csv, "
                + "raw_products.csv, raw_orders.csv, clickstream_events.jsonl", e.getMessage());
    }

    @EachDatabase
    void ordersLoadedBeforeTheirProductsAreReadAgainOnceTheProductsAre(Warehouse wh) {
        Path orders = dir.resolve(Generator.ORDERS_FILE);
        Path products = dir.resolve(Generator.PRODUCTS_FILE);
        SourceReport alone = Ingest.into(wh).orders(orders).options(options()).run().sources().get(0);
        assertEquals(0, alone.loaded());
        assertEquals(alone.read(), alone.rejected(), "no products: every line is rejected");
        assertEquals(alone.read(), alone.rejectionsByRule().get("unknown_product"));
        // no products since: nothing would change, so the file is skipped as loaded before
        assertTrue(Ingest.into(wh).orders(orders).options(options()).run().sources().get(0).skipped());

        // reference data given after the orders in the builder still loads first
        IngestReport both = Ingest.into(wh).orders(orders).products(products).options(options()).run();
        assertEquals(List.of(SourceKind.PRODUCTS, SourceKind.ORDERS),
                both.sources().stream().map(SourceReport::source).toList());
        SourceReport again = both.source(SourceKind.ORDERS).orElseThrow();
        assertFalse(again.skipped(), "products were loaded since: the orders are read again");
        assertEquals(manifest.truth().orders().fileRows(), again.read());
        assertEquals(Map.of("negative_price", problems.negativePrices(), "unknown_product", problems.unknownProducts(),
                "future_date", problems.futureDates()), again.rejectionsByRule());
        assertEquals(problems.duplicateOrderLines(), again.duplicates());
        assertEquals(again.loaded(), Db.raw(wh, SourceKind.ORDERS.table()));
        assertEquals(again.rejected(), Db.raw(wh, SourceKind.ORDERS.quarantineTable()),
                "the first reading's quarantined rows were replaced, not kept twice");
        assertTrue(Ingest.into(wh).orders(orders).options(options()).run().sources().get(0).skipped(),
                "loaded with its products: skipped from now on");
    }

    @EachDatabase
    void everyRowIsAccountedForAndTheCountsEqualTheManifest(Warehouse wh) {
        IngestReport report = all(wh).options(options()).run();

        assertEquals(List.of(SourceKind.CUSTOMERS, SourceKind.PRODUCTS, SourceKind.ORDERS, SourceKind.EVENTS),
                report.sources().stream().map(SourceReport::source).toList());
        for (SourceReport s : report.sources()) {
            assertEquals(s.read(), s.loaded() + s.rejected() + s.duplicates(), s.source().code());
            assertFalse(s.skipped());
            assertEquals(manifest.files().get(s.file()), s.read(), s.file());
            assertEquals(s.loaded(), Db.raw(wh, s.source().table()), s.source().code() + " rows");
            assertEquals(s.rejected(), Db.raw(wh, s.source().quarantineTable()), s.source().code() + " quarantined");
            assertEquals(List.of(), s.ignoredColumns());
        }

        SourceReport customers = report.source(SourceKind.CUSTOMERS).orElseThrow();
        assertEquals(manifest.truth().customers().total(), customers.loaded());
        assertEquals(0, customers.rejected() + customers.duplicates());

        SourceReport products = report.source(SourceKind.PRODUCTS).orElseThrow();
        assertEquals(manifest.truth().products().total(), products.loaded());
        assertEquals(0, products.rejected() + products.duplicates());

        SourceReport orders = report.source(SourceKind.ORDERS).orElseThrow();
        Manifest.Orders truth = manifest.truth().orders();
        assertEquals(truth.fileRows(), orders.read());
        assertEquals(problems.duplicateOrderLines(), orders.duplicates());
        assertEquals(Map.of("negative_price", problems.negativePrices(), "unknown_product", problems.unknownProducts(),
                "future_date", problems.futureDates()), orders.rejectionsByRule());
        assertEquals(problems.negativePrices() + problems.unknownProducts() + problems.futureDates(),
                orders.rejected());
        assertEquals(Map.of("missing_shipping_state", problems.missingShippingState(),
                "non_iso_date", problems.dayFirstDates()), orders.warningsByRule());
        assertEquals(truth.cleanOrderLines() + problems.missingShippingState() + problems.dayFirstDates(),
                orders.loaded());

        SourceReport events = report.source(SourceKind.EVENTS).orElseThrow();
        assertEquals(Map.of("malformed_json", problems.malformedJsonLines()), events.rejectionsByRule());
        assertEquals(Map.of(), events.warningsByRule());
        assertEquals(0, events.duplicates());

        // quarantine rows carry their rule, and lineage ties every row to this run
        assertEquals(problems.negativePrices(),
                Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders_quarantine} WHERE rules = 'negative_price'"));
        assertEquals(problems.malformedJsonLines(),
                Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:events_quarantine} WHERE rules = 'malformed_json'"));
        assertEquals(orders.loaded(), Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders} WHERE load_id = ? AND "
                + "source_name = ?", report.loadId(), Generator.ORDERS_FILE));
        assertEquals(4, Db.count(wh, Layer.META, "load_log"));
    }

    @EachDatabase
    void lineageLineNumbersAndBusinessDaysAreRight(Warehouse wh) throws IOException {
        IngestReport report = all(wh).options(options()).run();
        List<String> orderLines = Files.readAllLines(dir.resolve(Generator.ORDERS_FILE));
        // the first order's first line is physical line 2 and line_no 1
        String firstOrderId = orderLines.get(1).substring(0, orderLines.get(1).indexOf(','));
        List<List<String>> first = Db.rows(wh, "SELECT line_no, source_line FROM ${raw:orders} WHERE order_id = ? "
                + "ORDER BY line_no", firstOrderId);
        assertEquals(List.of("1", "2"), first.get(0));
        for (int i = 0; i < first.size(); i++) {
            long line = Long.parseLong(first.get(i).get(1));
            assertTrue(orderLines.get((int) line - 1).startsWith(firstOrderId + ","), "line " + line);
        }
        // line_no is unique and dense per order where nothing was dropped: no order has a line_no above its lines
        assertEquals(0, Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders} o WHERE o.line_no > (SELECT COUNT(*) "
                + "FROM ${raw:orders} p WHERE p.order_id = o.order_id) + " + report.source(SourceKind.ORDERS)
                .orElseThrow().rejected() + report.source(SourceKind.ORDERS).orElseThrow().duplicates()));

        // an event near midnight UTC lands on the London business day; check the first loaded event of the file
        List<String> events = Files.readAllLines(dir.resolve(Generator.EVENTS_FILE));
        List<List<String>> ev = Db.rows(wh, "SELECT source_line, event_date FROM ${raw:events} ORDER BY source_line");
        assertEquals(report.source(SourceKind.EVENTS).orElseThrow().loaded(), ev.size());
        for (int i = 0; i < ev.size(); i += 997) {
            int line = Integer.parseInt(ev.get(i).get(0));
            String text = events.get(line - 1);
            int at = text.indexOf("\"timestamp\":\"") + 13;
            Instant ts = Instant.parse(text.substring(at, text.indexOf('"', at)));
            assertEquals(LocalDate.ofInstant(ts, ZoneId.of("Europe/London")).toString(), ev.get(i).get(1),
                    "line " + line);
        }
    }

    @EachDatabase
    void loadingTheSameFilesAgainAddsNothing(Warehouse wh) {
        IngestReport first = all(wh).options(options()).run();
        IngestReport again = all(wh).options(options()).run();
        for (SourceReport s : again.sources()) {
            assertTrue(s.skipped(), s.file());
            assertEquals(0, s.read());
            SourceReport before = first.source(s.source()).orElseThrow();
            assertEquals(before.loaded(), Db.raw(wh, s.source().table()));
            assertEquals(before.rejected(), Db.raw(wh, s.source().quarantineTable()));
        }
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void reloadingWhenNotSkippingCountsCatalogueRowsAsDuplicates(Warehouse wh) {
        Ingest catalogue = Ingest.into(wh).customers(dir.resolve(Generator.CUSTOMERS_FILE))
                .products(dir.resolve(Generator.PRODUCTS_FILE));
        catalogue.options(options()).run();
        IngestReport again = catalogue.options(options().withSkipLoadedFiles(false)).run();
        for (SourceReport s : again.sources()) {
            assertFalse(s.skipped());
            assertEquals(s.read(), s.duplicates(), s.file());
            assertEquals(0, s.loaded());
        }
        assertEquals(manifest.truth().customers().total(), Db.raw(wh, "customers"));
        assertEquals(2, Db.count(wh, Layer.META, "load_log"));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void rejectAmbiguousRejectsExactlyThePlantedAmbiguousDates(Warehouse wh) {
        IngestReport report = Ingest.into(wh)
                .products(dir.resolve(Generator.PRODUCTS_FILE))
                .orders(dir.resolve(Generator.ORDERS_FILE))
                .options(options().withDatePolicy(DatePolicy.REJECT_AMBIGUOUS))
                .run();
        SourceReport orders = report.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(problems.ambiguousDayFirstDates(), orders.rejectionsByRule().get("ambiguous_date"));
        assertEquals(problems.dayFirstDates() - problems.ambiguousDayFirstDates(),
                orders.warningsByRule().get("non_iso_date"));
        List<List<String>> reasons = Db.rows(wh, "SELECT reasons FROM ${raw:orders_quarantine} WHERE rules = "
                + "'ambiguous_date'");
        assertEquals(problems.ambiguousDayFirstDates(), reasons.size());
        assertTrue(reasons.get(0).get(0).matches("(?s)ambiguous_date: order_date '\\d\\d/\\d\\d/\\d{4}' is "
                + "ambiguous.*REJECT_AMBIGUOUS.*"), reasons.get(0).get(0));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void theFutureDateRuleUsesTheConfiguredClock(Warehouse wh) {
        // planted future dates lie 1-3 years after the window: four years on, none of them is in the future
        LocalDate later = manifest.truth().window().endExclusive().plusYears(4);
        IngestReport report = Ingest.into(wh)
                .products(dir.resolve(Generator.PRODUCTS_FILE))
                .orders(dir.resolve(Generator.ORDERS_FILE))
                .options(IngestOptions.defaults().withClock(Db.startOf(later)))
                .run();
        SourceReport orders = report.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(Map.of("negative_price", problems.negativePrices(), "unknown_product", problems.unknownProducts()),
                orders.rejectionsByRule());
        assertEquals(manifest.truth().orders().generatedLines() - problems.negativePrices()
                - problems.unknownProducts(), orders.loaded());
    }

    @EachDatabase
    void aFailureMidwayLeavesNothingOfThatSourceAndRunningAgainCompletesIt(Warehouse wh) {
        long rows = manifest.files().get(Generator.ORDERS_FILE);
        long failAt = rows * 2 / 3 / 1000 * 1000;
        IllegalStateException killed = new IllegalStateException("killed at row " + failAt);
        Ingest ingest = Ingest.into(wh)
                .products(dir.resolve(Generator.PRODUCTS_FILE))
                .orders(dir.resolve(Generator.ORDERS_FILE));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ingest
                .options(options().withProgressEvery(1_000))
                .progress((source, read) -> {
                    if (source == SourceKind.ORDERS && read >= failAt) {
                        throw killed;
                    }
                })
                .run());
        assertSame(killed, e);
        assertEquals(manifest.truth().products().total(), Db.raw(wh, "products"));
        assertEquals(0, Db.raw(wh, "orders"));
        assertEquals(0, Db.raw(wh, "orders_quarantine"));
        assertEquals(List.of(List.of("products")), Db.rows(wh, "SELECT source_kind FROM ${meta:load_log}"));

        IngestReport again = ingest.options(options()).run();
        assertTrue(again.source(SourceKind.PRODUCTS).orElseThrow().skipped());
        SourceReport orders = again.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(rows, orders.read());
        assertEquals(manifest.truth().orders().cleanOrderLines() + problems.missingShippingState()
                + problems.dayFirstDates(), orders.loaded());
        assertEquals(orders.loaded(), Db.raw(wh, "orders"));
        assertEquals(orders.rejected(), Db.raw(wh, "orders_quarantine"));
    }

    @EachDatabase
    void aRowTheDatabaseRejectsRollsBackTheWholeSource(Warehouse wh) throws IOException {
        wh.init();
        // a unique index on source_line that one earlier row collides with makes the database refuse the move
        List<String> lines = Files.readAllLines(dir.resolve(Generator.ORDERS_FILE));
        int collide = lines.size() * 4 / 5;
        wh.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE UNIQUE INDEX orders_line_unique ON " + wh.table(Layer.RAW, "orders").sql()
                        + " (source_line)");
                s.execute(wh.render("INSERT INTO ${raw:orders} (order_id, line_no, order_date, product_id, quantity, "
                        + "unit_price, status, source_name, source_line, load_id) VALUES ('EARLIER', 1, DATE "
                        + "'2025-01-01', 'BOOK_1', 1, 1.00, 'delivered', 'earlier.csv', " + collide + ", 'earlier')"));
            }
            return null;
        });
        Ingest ingest = Ingest.into(wh)
                .products(dir.resolve(Generator.PRODUCTS_FILE))
                .orders(dir.resolve(Generator.ORDERS_FILE))
                .options(options());
        BookstoreException e = assertThrows(BookstoreException.class, ingest::run);
        assertTrue(e.getMessage().startsWith("loading orders from raw_orders.csv failed and was rolled back "
                + "(nothing from it was loaded): "), e.getMessage());
        assertEquals(1, Db.raw(wh, "orders"));
        assertEquals(0, Db.raw(wh, "orders_quarantine"));
        assertEquals(List.of(List.of("products")), Db.rows(wh, "SELECT source_kind FROM ${meta:load_log}"));

        wh.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(wh.render("DELETE FROM ${raw:orders}"));
                s.execute("DROP INDEX " + (wh.dialect().name().equals("mariadb") ? "orders_line_unique ON "
                        + wh.table(Layer.RAW, "orders").sql() : wh.table(Layer.RAW, "orders").schema()
                        .map(x -> x + ".").orElse("") + "orders_line_unique"));
            }
            return null;
        });
        SourceReport orders = ingest.run().source(SourceKind.ORDERS).orElseThrow();
        assertEquals(orders.loaded(), Db.raw(wh, "orders"));
        assertEquals(problems.duplicateOrderLines(), orders.duplicates());
    }
}
