package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never crashes and never loses rows silently: a file that cannot be read at all is refused with a
 * one-line message naming it (nothing of it loaded); a bad row is quarantined with its reasons.
 */
class IngestBadInputTest {
    @TempDir
    Path dir;

    Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The one-line message of the failure of {@code ingest}, after checking nothing was loaded. */
    static String refusal(Warehouse wh, Ingest ingest) {
        BookstoreException e = assertThrows(BookstoreException.class, () -> ingest.options(IngestFilesTest.options())
                .run());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        for (SourceKind kind : SourceKind.values()) {
            assertEquals(0, Db.raw(wh, kind.table()), kind.code());
            assertEquals(0, Db.raw(wh, kind.quarantineTable()), kind.code());
        }
        return e.getMessage();
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void garbageBytesAreRefusedAsNotUtf8NamingTheFile(Warehouse wh) throws IOException {
        byte[] junk = new byte[20_000];
        new Random(7).nextBytes(junk);
        Path orders = write("garbage.csv", junk);
        assertTrue(refusal(wh, Ingest.into(wh).orders(orders)).startsWith("garbage.csv is not valid UTF-8 text"));
        Path events = write("garbage.jsonl", junk);
        assertTrue(refusal(wh, Ingest.into(wh).events(events)).startsWith("garbage.jsonl is not valid UTF-8 text"));
        Path retail = write("garbage_retail.csv", junk);
        assertTrue(refusal(wh, Ingest.into(wh).onlineRetail(retail)).startsWith("garbage_retail.csv is not valid "
                + "UTF-8 text"));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void textThatIsNotTheFormatIsRefusedNamingTheFileAndTheMissingColumn(Warehouse wh) throws IOException {
        Path junk = write("junk.csv", "\u0001\u0000lorem \"ipsum\"\r\ndolor,sit\n");
        String m = refusal(wh, Ingest.into(wh).orders(junk));
        assertTrue(m.startsWith("junk.csv: required column 'order_id' is missing from the header (found: "), m);
        // the wrong file for the kind: a customers file given as orders
        Path customers = write("raw_customers.csv", "customer_id,email,first_name,last_name,registration_date,city,"
                + "state,country,acquisition_channel\nCUST_1,a@b.c,A,B,2024-01-01,Leeds,,UK,email\n");
        m = refusal(wh, Ingest.into(wh).orders(customers));
        assertTrue(m.startsWith("raw_customers.csv: required column 'order_id' is missing from the header (found: "
                + "customer_id,email,"), m);
        // a duplicated column is refused too
        Path twice = write("twice.csv", IngestFilesTest.PRODUCTS_HEADER + ",price\n");
        assertEquals("twice.csv: column 'price' appears twice in the header", refusal(wh,
                Ingest.into(wh).products(twice)));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void emptyFilesOfEveryFormat(Warehouse wh) throws IOException {
        Path empty = write("empty.csv", "");
        assertTrue(refusal(wh, Ingest.into(wh).orders(empty)).startsWith("empty.csv is empty: expected a header line "
                + "with the columns order_id,customer_id,"));
        assertTrue(refusal(wh, Ingest.into(wh).onlineRetail(empty)).startsWith("empty.csv is empty: expected a header "
                + "line with the columns invoiceno,stockcode,"));
        Path bomOnly = write("bom.csv", "\uFEFF");
        assertTrue(refusal(wh, Ingest.into(wh).orders(bomOnly)).startsWith("bom.csv is empty"));
        SourceReport events = Ingest.into(wh).events(write("empty.jsonl", "\n\r\n")).options(IngestFilesTest.options())
                .run().sources().get(0);
        assertEquals(0, events.read());
    }

    @EachDatabase
    void aNulCharacterInAValueIsQuarantinedOnEveryDatabase(Warehouse wh) throws IOException {
        Path products = write("nul_products.csv", IngestFilesTest.PRODUCTS_HEADER + "\n"
                + "BOOK_1,Fine,Ann,Fiction,Mystery,1.00,,1\n"
                + "BOOK_2,Bad\u0000Title,Ann,Fiction,Mystery,1.00,,1\n");
        Path events = write("nul.jsonl", "{\"event\":\"search\",\"user_id\":\"U1\",\"timestamp\":\"2025-03-04T10:00:00Z\","
                + "\"query\":\"a\\u0000b\"}\n{\"event\":\"checkout\",\"user_id\":\"U\u00001\"}\n");
        IngestReport report = Ingest.into(wh).products(products).events(events).options(IngestFilesTest.options())
                .run();
        assertEquals(Map.of("invalid_character", 1L), report.source(SourceKind.PRODUCTS).orElseThrow()
                .rejectionsByRule());
        assertEquals(2, report.source(SourceKind.EVENTS).orElseThrow().rejected());
        assertEquals(List.of(List.of("3", "BOOK_2,Bad\uFFFDTitle,Ann,Fiction,Mystery,1.00,,1", "invalid_character")),
                Db.rows(wh, "SELECT source_line, raw_text, rules FROM ${raw:products_quarantine}"));
        assertEquals(2, Db.raw(wh, "events_quarantine"));
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void bomCrlfTruncatedLinesAndOneMegabyteLinesInEventsAndOnlineRetail(Warehouse wh) throws IOException {
        String huge = "x".repeat(1 << 20);
        Path events = write("odd.jsonl", "\uFEFF{\"event\":\"checkout\",\"user_id\":\"U1\",\"timestamp\":"
                + "\"2025-03-04T10:00:00Z\"}\r\n"
                + "{\"event\":\"page_view\",\"user_id\":\"U1\",\"timestamp\":\"2025-03-04T10:00:00Z\",\"page\":\""
                + huge + "\"}\r\n"
                + "{\"event\":\"checkout\",\"user_id\":\"U2\",\"timest");
        SourceReport e = Ingest.into(wh).events(events).options(IngestFilesTest.options()).run().sources().get(0);
        assertEquals(List.of(3L, 1L, 2L), List.of(e.read(), e.loaded(), e.rejected()));
        assertEquals(Map.of("too_long", 1L, "malformed_json", 1L), e.rejectionsByRule());
        assertEquals(huge.length() + 90, Db.scalar(wh, "SELECT MAX(LENGTH(raw_text)) FROM ${raw:events_quarantine}"),
                10);

        Path retail = write("odd_retail.csv", "\uFEFF" + IngestOnlineRetailTest.HEADER + ",Extra\r\n"
                + "536365,85123A,WHITE HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom,x\r\n"
                + "536366,85123A," + huge + ",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom,x\r\n"
                + "536367,85123A,WHITE");
        SourceReport r = Ingest.into(wh).onlineRetail(retail).options(IngestFilesTest.options()).run().sources()
                .get(0);
        assertEquals(List.of(3L, 1L, 2L), List.of(r.read(), r.loaded(), r.rejected()));
        assertEquals(Map.of("too_long", 1L, "field_count", 1L), r.rejectionsByRule());
        assertEquals(List.of("Extra"), r.ignoredColumns());
    }
}
