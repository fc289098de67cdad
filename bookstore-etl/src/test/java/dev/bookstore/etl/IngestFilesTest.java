package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made files: headers, encodings, line ends, bad values and their messages. */
class IngestFilesTest {
    static final String PRODUCTS_HEADER = "product_id,title,author,category,subcategory,price,rating,stock";
    static final String ORDERS_HEADER = "order_id,customer_id,order_date,product_id,quantity,unit_price,"
            + "payment_method,status,ordered_at,channel,shipping_city,shipping_state,shipping_country,shipped_date,"
            + "delivered_date";

    @TempDir
    Path dir;

    static IngestOptions options() {
        return IngestOptions.defaults().withClock(Db.startOf(LocalDate.of(2025, 6, 1)));
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    Path products() throws IOException {
        return write("products.csv", PRODUCTS_HEADER + "\n"
                + "BOOK_1,The Silent River,Jane Hart,Fiction,Mystery,12.99,4.3,42\n"
                + "BOOK_2,\"Cooking, \"\"Simply\"\"\",,Food & Home,Cookery,8.50,,0\n");
    }

    static String order(String id, String date, String product, String quantity, String price, String status) {
        return id + ",CUST_1," + date + "," + product + "," + quantity + "," + price + ",card," + status
                + ",2025-03-04T10:15:30Z,email,Leeds,West Yorkshire,United Kingdom,,\n";
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void aMissingRequiredColumnIsAOneLineErrorNamingTheFileAndTheColumn(Warehouse wh) throws IOException {
        Path file = write("orders_without_price.csv", ORDERS_HEADER.replace("unit_price,", "") + "\n");
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> Ingest.into(wh).orders(file).options(options()).run());
        assertTrue(e.getMessage().startsWith("orders_without_price.csv: required column 'unit_price' is missing"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(0, Db.count(wh, Layer.META, "load_log"));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void extraColumnsAreIgnoredAndReported(Warehouse wh) throws IOException {
        Path file = write("products_isbn.csv", "isbn," + PRODUCTS_HEADER + ",Notes\n"
                + "978-0,BOOK_1,The Silent River,Jane Hart,Fiction,Mystery,12.99,4.3,42,hello\n");
        SourceReport r = Ingest.into(wh).products(file).options(options()).run().sources().get(0);
        assertEquals(List.of("isbn", "Notes"), r.ignoredColumns());
        assertEquals(1, r.loaded());
        assertEquals(List.of(List.of("BOOK_1", "The Silent River", "42")),
                Db.rows(wh, "SELECT product_id, title, stock FROM ${raw:products}"));
    }

    @EachDatabase
    void aByteOrderMarkAndCrlfLineEndsAreTolerated(Warehouse wh) throws IOException {
        String text = "\uFEFF" + PRODUCTS_HEADER.replace("product_id", "Product_ID ") + "\r\n"
                + "BOOK_1,\"Tales, \"\"Told\"\"\r\nTwice\",Jane Hart,Fiction,Mystery,12.99,4.3,42\r\n"
                + "\r\n"
                + "BOOK_2,Plain,,Fiction,Mystery,-1.00,,3\r\n"
                + "BOOK_3,Last,Ann Lee,Fiction,Mystery,7.00,,1";
        Path file = write("products_crlf.csv", text);
        SourceReport r = Ingest.into(wh).products(file).options(options()).run().sources().get(0);
        assertEquals(3, r.read());
        assertEquals(2, r.loaded());
        assertEquals(Map.of("negative_price", 1L), r.rejectionsByRule());
        assertEquals(List.of(List.of("BOOK_1", "Tales, \"Told\"\r\nTwice", "", "2"), List.of("BOOK_3", "Last", "", "6")),
                Db.rows(wh, "SELECT product_id, title, COALESCE(CAST(rating AS VARCHAR(10)), ''), source_line "
                        + "FROM ${raw:products} ORDER BY product_id").stream()
                        .map(row -> List.of(row.get(0), row.get(1), row.get(0).equals("BOOK_1") ? "" : row.get(2),
                                row.get(3))).toList());
        assertEquals(List.of(List.of("5", "BOOK_2,Plain,,Fiction,Mystery,-1.00,,3", "negative_price",
                        "negative_price: price -1.00 is negative")),
                Db.rows(wh, "SELECT source_line, raw_text, rules, reasons FROM ${raw:products_quarantine}"));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void anEmptyCsvFileIsRefusedAHeaderOnlyFileAndAnEmptyEventFileHaveNoRows(Warehouse wh) throws IOException {
        Path empty = write("empty.csv", "");
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> Ingest.into(wh).customers(empty).options(options()).run());
        assertTrue(e.getMessage().startsWith("empty.csv is empty: expected a header line with the columns "
                + "customer_id,email,"), e.getMessage());

        Path headerOnly = write("header_only.csv", PRODUCTS_HEADER + "\n");
        Path noEvents = write("none.jsonl", "");
        IngestReport report = Ingest.into(wh).products(headerOnly).events(noEvents).options(options()).run();
        for (SourceReport s : report.sources()) {
            assertEquals(0, s.read(), s.file());
            assertFalse(s.skipped());
        }
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void invalidUtf8IsRefusedNamingTheFileAndNothingIsLoaded(Warehouse wh) throws IOException {
        Path file = dir.resolve("latin1.csv");
        byte[] good = (PRODUCTS_HEADER + "\nBOOK_1,Fine,Ann,Fiction,Mystery,1.00,,1\nBOOK_2,Caf").getBytes(
                StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xE9, ',', 'A', ',', 'F', ',', 'M', ',', '1', ',', ',', '1', '\n'};
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(file, all);
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> Ingest.into(wh).products(file).options(options()).run());
        assertTrue(e.getMessage().startsWith("latin1.csv is not valid UTF-8 text"), e.getMessage());
        assertEquals(0, Db.raw(wh, "products"));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void badValuesAreRejectedWithMessagesNamingTheFieldAndTheValue(Warehouse wh) throws IOException {
        Path orders = write("orders.csv", ORDERS_HEADER + "\n"
                + order("ORD_1", "2025-03-04", "BOOK_1", "2", "12.99", "delivered")          // line 2: fine
                + order("ORD_2", "2025-03-04", "BOOK_1", "two", "12.99", "delivered")        // 3
                + order("ORD_3", "2025-03-04", "BOOK_1", "1", "12.999", "delivered")         // 4
                + order("ORD_4", "yesterday", "BOOK_1", "1", "1.00", "delivered")            // 5
                + order("ORD_5", "2025-03-04", "BOOK_1", "1", "1.00", "lost")                // 6
                + order("ORD_6", "2025-03-04", "", "1", "1.00", "delivered")                 // 7
                + order("ORD_7", "31/02/2025", "BOOK_9", "1", "-1.00", "delivered")          // 8
                + "ORD_8,CUST_1,2025-03-04\n"                                                // 9
                + order("ORD_9", "2025-03-04", "BOOK_1", "1", "1.00", "delivered")
                        .replace("2025-03-04T10:15:30Z", "2025-03-04 10:15")                 // 10
                + order("ORD_10", "2025-07-01", "BOOK_2", "1", "1.00", "pending")            // 11
                + order("ORD_1", "2025-03-04", "BOOK_1", "5", "12.99", "delivered"));        // 12: duplicate key
        IngestReport report = Ingest.into(wh).products(products()).orders(orders).options(options()).run();
        SourceReport r = report.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(11, r.read());
        assertEquals(1, r.loaded());
        assertEquals(1, r.duplicates());
        assertEquals(9, r.rejected());
        Map<String, String> reasons = Map.of(
                "3", "invalid_number: quantity 'two' is not a whole number",
                "4", "invalid_number: unit_price '12.999' has more than 2 decimal places",
                "5", "invalid_date: order_date 'yesterday' is not a date (expected yyyy-MM-dd or dd/MM/yyyy)",
                "6", "unknown_status: status 'lost' is not one of [pending, shipped, delivered, cancelled, returned]",
                "7", "missing_value: product_id is empty",
                "8", "invalid_date: order_date '31/02/2025' is not a valid date when read as dd/MM/yyyy (date policy "
                        + "DAY_FIRST)",
                "9", "field_count: the row has 3 fields but the header has 15",
                "10", "invalid_timestamp: ordered_at '2025-03-04 10:15' is not an ISO-8601 instant with a zone "
                        + "(expected e.g. 2025-03-04T10:15:30Z)",
                "11", "future_date: order_date 2025-07-01 is in the future (today is 2025-06-01 in Europe/London)");
        List<List<String>> rows = Db.rows(wh, "SELECT source_line, reasons FROM ${raw:orders_quarantine}");
        assertEquals(reasons.size(), rows.size());
        for (List<String> row : rows) {
            assertEquals(reasons.get(row.get(0)), row.get(1), "line " + row.get(0));
        }
        assertEquals(Map.of("invalid_number", 2L, "invalid_date", 2L, "unknown_status", 1L, "missing_value", 1L,
                "field_count", 1L, "invalid_timestamp", 1L, "future_date", 1L), r.rejectionsByRule());
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void severalFailedRulesAreAllRecorded(Warehouse wh) throws IOException {
        Path orders = write("orders.csv", ORDERS_HEADER + "\n"
                + order("ORD_1", "2026-01-01", "BOOK_77", "1", "-3.00", "delivered").replace("West Yorkshire", ""));
        SourceReport r = Ingest.into(wh).products(products()).orders(orders).options(options()).run()
                .source(SourceKind.ORDERS).orElseThrow();
        assertEquals(Map.of("negative_price", 1L, "unknown_product", 1L, "future_date", 1L), r.rejectionsByRule());
        assertEquals(Map.of(), r.warningsByRule());
        assertEquals(List.of(List.of("negative_price,unknown_product,future_date",
                "negative_price: unit_price -3.00 is negative\n"
                        + "unknown_product: product_id 'BOOK_77' is not a known product (not in raw.products nor in "
                        + "this run's products)\n"
                        + "future_date: order_date 2026-01-01 is in the future (today is 2025-06-01 in Europe/London)\n"
                        + "(warning) missing_shipping_state: shipping_state is empty")),
                Db.rows(wh, "SELECT rules, reasons FROM ${raw:orders_quarantine}"));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void datePoliciesReadSlashedDatesAsConfiguredAndNeverGuess(Warehouse wh) throws IOException {
        Path orders = write("orders.csv", ORDERS_HEADER + "\n"
                + order("ORD_1", "03/04/2025", "BOOK_1", "1", "1.00", "delivered")
                + order("ORD_2", "25/03/2025", "BOOK_1", "1", "1.00", "delivered"));
        Ingest ingest = Ingest.into(wh).products(products()).orders(orders);
        Map<DatePolicy, List<List<String>>> loaded = Map.of(
                DatePolicy.DAY_FIRST, List.of(List.of("ORD_1", "2025-04-03"), List.of("ORD_2", "2025-03-25")),
                DatePolicy.MONTH_FIRST, List.of(List.of("ORD_1", "2025-03-04")),
                DatePolicy.REJECT_AMBIGUOUS, List.of(List.of("ORD_2", "2025-03-25")));
        Map<DatePolicy, Map<String, Long>> rejected = Map.of(
                DatePolicy.DAY_FIRST, Map.of(),
                DatePolicy.MONTH_FIRST, Map.of("invalid_date", 1L),
                DatePolicy.REJECT_AMBIGUOUS, Map.of("ambiguous_date", 1L));
        wh.init();
        for (DatePolicy policy : DatePolicy.values()) {
            wh.withConnection(c -> c.createStatement().executeUpdate("DELETE FROM " + wh.table(Layer.RAW, "orders")));
            SourceReport r = ingest.options(options().withDatePolicy(policy).withSkipLoadedFiles(false)).run()
                    .source(SourceKind.ORDERS).orElseThrow();
            assertEquals(rejected.get(policy), r.rejectionsByRule(), policy.name());
            assertEquals(loaded.get(policy), Db.rows(wh, "SELECT order_id, CAST(order_date AS VARCHAR(10)) FROM "
                    + "${raw:orders} ORDER BY order_id"), policy.name());
        }
        assertEquals(List.of(List.of("ambiguous_date: order_date '03/04/2025' is ambiguous: it could be day-first or "
                        + "month-first and the date policy is REJECT_AMBIGUOUS (use DAY_FIRST or MONTH_FIRST, or write "
                        + "yyyy-MM-dd)")),
                Db.rows(wh, "SELECT reasons FROM ${raw:orders_quarantine} WHERE rules = 'ambiguous_date'"));
    }

    @EachDatabase
    void eventLinesAreParsedValidatedAndQuarantinedWithTheirText(Warehouse wh) throws IOException {
        String good = "{\"event\":\"add_to_cart\",\"user_id\":\"CUST_1\",\"session_id\":\"S_1\","
                + "\"timestamp\":\"2025-03-30T23:30:00Z\",\"product_id\":\"BOOK_1\",\"channel\":\"email\","
                + "\"device\":\"mobile\",\"experiment\":\"b\"}";
        Path events = write("events.jsonl", good + "\r\n"
                + "\n"
                + "{\"event\":\"page_view\",\"user_id\":\"CUST_1\",\"timestamp\":\"2025-03-30T10:00:00Z\"}\n"
                + "{\"event\":\"teleport\",\"user_id\":\"CUST_1\",\"timestamp\":\"2025-03-30T10:00:00Z\"}\n"
                + "{\"event\":\"checkout\",\"user_id\":[1],\"timestamp\":\"2025-03-30T10:00:00Z\"}\n"
                + "{\"event:\"checkout\",\"user_id\":\"CUST_1\"}\n"
                + "[1,2]\n"
                + "{\"event\":\"purchase\",\"user_id\":\"CUST_2\",\"timestamp\":\"2025-03-30T00:30:00+01:00\"}");
        SourceReport r = Ingest.into(wh).events(events).options(options()).run().sources().get(0);
        assertEquals(7, r.read());
        assertEquals(2, r.loaded());
        assertEquals(Map.of("missing_value", 1L, "unknown_event_type", 1L, "invalid_type", 1L, "malformed_json", 1L,
                "not_an_object", 1L), r.rejectionsByRule());
        assertEquals(List.of("experiment"), r.ignoredColumns());
        // 23:30 UTC on 30 March 2025 is 00:30 BST on the 31st; 00:30+01:00 on the 30th is 23:30 GMT on the 29th
        assertEquals(List.of(List.of("1", "add_to_cart", "CUST_1", "S_1", "2025-03-31", "BOOK_1", "email", "mobile"),
                        Arrays.asList("8", "purchase", "CUST_2", null, "2025-03-29", null, null, null)),
                Db.rows(wh, "SELECT source_line, event_type, user_id, session_id, CAST(event_date AS VARCHAR(10)), "
                        + "product_id, channel, device FROM ${raw:events} ORDER BY source_line"));
        List<List<String>> quarantined = Db.rows(wh, "SELECT source_line, rules, raw_text FROM "
                + "${raw:events_quarantine} ORDER BY source_line");
        assertEquals(List.of("3", "4", "5", "6", "7"), quarantined.stream().map(q -> q.get(0)).toList());
        assertEquals("{\"event:\"checkout\",\"user_id\":\"CUST_1\"}", quarantined.get(3).get(2));
        assertEquals("missing_value", quarantined.get(0).get(1));
        assertTrue(Db.rows(wh, "SELECT reasons FROM ${raw:events_quarantine} WHERE source_line = 3").get(0).get(0)
                .equals("missing_value: page is empty (required for page_view events)"));
    }

    @EachDatabase
    void aTruncatedLastLineAndAOneMegabyteLineAreQuarantinedNotFatal(Warehouse wh) throws IOException {
        String huge = "x".repeat(1 << 20);
        Path file = write("products_odd.csv", PRODUCTS_HEADER + "\n"
                + "BOOK_1," + huge + ",Ann,Fiction,Mystery,1.00,,1\n"
                + "BOOK_2,Fine,Ann,Fiction,Mystery,2.00,,1\n"
                + "BOOK_3,Cut off,Ann,Fic");
        SourceReport r = Ingest.into(wh).products(file).options(options()).run().sources().get(0);
        assertEquals(3, r.read());
        assertEquals(1, r.loaded());
        assertEquals(Map.of("too_long", 1L, "field_count", 1L), r.rejectionsByRule());
        List<List<String>> q = Db.rows(wh, "SELECT source_line, rules, raw_text FROM ${raw:products_quarantine} "
                + "ORDER BY source_line");
        assertEquals(List.of("2", "too_long"), q.get(0).subList(0, 2));
        assertEquals("BOOK_1," + huge + ",Ann,Fiction,Mystery,1.00,,1", q.get(0).get(2));
        assertEquals(List.of("4", "field_count", "BOOK_3,Cut off,Ann,Fic"), q.get(1));
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void anUnclosedQuoteIsAnErrorNamingTheFileAndNothingIsLoaded(Warehouse wh) throws IOException {
        Path file = write("products_quote.csv", PRODUCTS_HEADER + "\n"
                + "BOOK_1,Fine,Ann,Fiction,Mystery,2.00,,1\n"
                + "BOOK_2,\"Never closed,Ann,Fiction,Mystery,2.00,,1\n"
                + "BOOK_3,Fine,Ann,Fiction,Mystery,2.00,,1\n");
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> Ingest.into(wh).products(file).options(options()).run());
        assertTrue(e.getMessage().startsWith("products_quote.csv: cannot parse the CSV after line 2: "), e.getMessage());
        assertEquals(0, Db.raw(wh, "products"));
    }

    @EachDatabase(DatabaseKind.H2)
    void missingFilesAndEmptyRunsAreRefusedBeforeAnythingIsLoaded(Warehouse wh) throws IOException {
        BookstoreException none = assertThrows(BookstoreException.class, () -> Ingest.into(wh).run());
        assertTrue(none.getMessage().startsWith("nothing to ingest"), none.getMessage());
        Path missing = dir.resolve("nope.csv");
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> Ingest.into(wh).products(products()).orders(missing).run());
        assertEquals("the orders file " + missing + " does not exist or is not a file", e.getMessage());
        assertEquals(0, wh.schemaVersion());
    }
}
