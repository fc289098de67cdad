package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Quarantined rows are validated again after a fix and moved into the raw table when they now pass. */
class IngestReplayTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @EachDatabase
    void replayingAfterAConfigurationChangeLoadsTheRowsThatNowPass(Warehouse wh) throws IOException {
        Path products = write("products.csv", IngestFilesTest.PRODUCTS_HEADER + "\nBOOK_1,A,B,Fiction,Mystery,1.00,,1\n");
        // columns in another order than the format's, plus an extra one: replay must use the file's own header
        String header = "note," + IngestFilesTest.ORDERS_HEADER;
        Path orders = write("orders.csv", header + "\n"
                + "n," + IngestFilesTest.order("ORD_1", "2025-03-04", "BOOK_1", "1", "1.00", "delivered")      // 2
                + "n," + IngestFilesTest.order("ORD_1", "03/04/2025", "BOOK_2", "1", "1.00", "delivered")      // 3
                + "n," + IngestFilesTest.order("ORD_2", "2025-03-04", "BOOK_1", "1", "-1.00", "delivered")     // 4
                + "n," + IngestFilesTest.order("ORD_3", "2025-03-04", "BOOK_9", "1", "1.00", "delivered"));    // 5
        IngestOptions strict = IngestFilesTest.options().withDatePolicy(DatePolicy.REJECT_AMBIGUOUS);
        SourceReport first = Ingest.into(wh).products(products).orders(orders).options(strict).run()
                .source(SourceKind.ORDERS).orElseThrow();
        // line 3's date does not parse, so its rules (BOOK_2 is unknown) are not applied yet
        assertEquals(Map.of("ambiguous_date", 1L, "negative_price", 1L, "unknown_product", 1L),
                first.rejectionsByRule());

        // a day-first policy resolves the ambiguous date; BOOK_2 is still unknown
        SourceReport replay = Ingest.into(wh).options(IngestFilesTest.options().withDatePolicy(DatePolicy.DAY_FIRST))
                .replayQuarantine(SourceKind.ORDERS).run().sources().get(0);
        assertEquals("orders_quarantine", replay.file());
        assertEquals(List.of(3L, 0L, 3L), List.of(replay.read(), replay.loaded(), replay.rejected()));
        assertEquals(Map.of("negative_price", 1L, "unknown_product", 2L), replay.rejectionsByRule());

        // the catalogue gains BOOK_2 and BOOK_9: both lines now pass, and keep their file and line
        Path more = write("more_products.csv", IngestFilesTest.PRODUCTS_HEADER
                + "\nBOOK_2,A,B,Fiction,Mystery,1.00,,1\nBOOK_9,A,B,Fiction,Mystery,1.00,,1\n");
        IngestReport report = Ingest.into(wh).products(more).replayQuarantine(SourceKind.ORDERS)
                .options(IngestFilesTest.options()).run();
        SourceReport again = report.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(List.of(3L, 2L, 1L, 0L), List.of(again.read(), again.loaded(), again.rejected(),
                again.duplicates()));
        assertEquals(List.of(List.of("ORD_1", "1", "BOOK_1", "2", "2025-03-04"),
                        List.of("ORD_1", "2", "BOOK_2", "3", "2025-04-03"),
                        List.of("ORD_3", "1", "BOOK_9", "5", "2025-03-04")),
                Db.rows(wh, "SELECT order_id, line_no, product_id, source_line, CAST(order_date AS VARCHAR(10)) FROM "
                        + "${raw:orders} ORDER BY order_id, line_no"));
        assertEquals(List.of(List.of("4", "orders.csv", first.file(), "negative_price")),
                Db.rows(wh, "SELECT q.source_line, q.source_name, s.source_name, q.rules FROM ${raw:orders_quarantine} q "
                        + "JOIN ${meta:ingest_sources} s ON s.load_id = q.load_id AND s.source_kind = 'orders'"));
        assertEquals(0, Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders} WHERE load_id <> ? AND source_line = 2",
                report.loadId()) - 1);

        // nothing left that passes: a replay reads the one row and leaves it
        SourceReport last = Ingest.into(wh).replayQuarantine(SourceKind.ORDERS).options(IngestFilesTest.options())
                .run().sources().get(0);
        assertEquals(List.of(1L, 0L, 1L), List.of(last.read(), last.loaded(), last.rejected()));
        assertEquals(1, Db.raw(wh, "orders_quarantine"));
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.MARIADB})
    void onlineRetailAndEventRowsAreReplayedInTheirOwnFormat(Warehouse wh) throws IOException {
        Path retail = write("retail.csv", IngestOnlineRetailTest.HEADER + "\n"
                + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                + "536366,85123B,HEART,6,2013-12-01 08:26:00,2.55,,United Kingdom\n");
        Path events = write("events.jsonl", "{\"event\":\"checkout\",\"user_id\":\"U1\",\"timestamp\":"
                + "\"2013-01-01T00:00:00Z\"}\n{\"event\":\"checkout\",\"user_id\"\n");
        IngestOptions early = IngestOptions.defaults().withClock(Db.startOf(LocalDate.of(2012, 1, 1)));
        Ingest.into(wh).onlineRetail(retail).events(events).options(early).run();
        assertEquals(1, Db.raw(wh, "orders_quarantine"));
        assertEquals(2, Db.raw(wh, "events_quarantine"));

        IngestOptions later = IngestOptions.defaults().withClock(Db.startOf(LocalDate.of(2014, 1, 1)));
        IngestReport report = Ingest.into(wh).replayQuarantine(SourceKind.ORDERS)
                .replayQuarantine(SourceKind.EVENTS).options(later).run();
        assertEquals(List.of("orders_quarantine (online-retail)", "orders_quarantine (online-retail) (stock codes)",
                        "events_quarantine"),
                report.sources().stream().map(SourceReport::file).toList());
        assertEquals(List.of(1L, 1L, 1L), report.sources().stream().map(SourceReport::loaded).toList());
        assertEquals(Map.of("malformed_json", 1L), report.sources().get(2).rejectionsByRule());
        assertEquals(List.of(List.of("536366", "85123B", "2013-12-01")),
                Db.rows(wh, "SELECT order_id, product_id, CAST(order_date AS CHAR(10)) FROM ${raw:orders} "
                        + "WHERE customer_id IS NULL"));
        assertEquals(2, Db.raw(wh, "products"));
    }

    @EachDatabase(DatabaseKind.H2)
    void replayingAnEmptyQuarantineReportsNothingRead(Warehouse wh) {
        SourceReport r = Ingest.into(wh).replayQuarantine(SourceKind.CUSTOMERS).run().sources().get(0);
        assertEquals(List.of("customers_quarantine", "0"), List.of(r.file(), Long.toString(r.read())));
    }
}
