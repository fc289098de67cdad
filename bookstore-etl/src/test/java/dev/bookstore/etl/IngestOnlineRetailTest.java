package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/** The UCI Online Retail format: the shared real sample, and hand-made files for each quirk. */
class IngestOnlineRetailTest {
    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    @TempDir
    Path dir;

    /** The shared 10,000-row sample, or the test is skipped when {@code ../shared} is absent. */
    static Path sample() {
        Path file = Path.of(System.getProperty("bookstore.shared", "../shared"), "data", "online-retail-sample.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no shared Online Retail sample at " + file);
        return file;
    }

    /** An independent RFC 4180 reader: every record of {@code text} as its fields (no trimming). */
    static List<List<String>> records(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                out.add(record);
                record = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }

    @EachDatabase
    void theSharedSampleIsAccountedForAndItsQuirksMatchAnIndependentCount(Warehouse wh) throws IOException {
        Path file = sample();
        List<List<String>> rows = records(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                "CustomerID", "Country"), rows.get(0));
        rows = rows.subList(1, rows.size());
        // independent counts over the file, and over first occurrences (a repeated identical row is a duplicate)
        long guests = 0;
        long negative = 0;
        long nonPositive = 0;
        long cancellations = 0;
        long firstGuests = 0;
        long firstNegative = 0;
        long firstNonPositive = 0;
        long firstCancellations = 0;
        Set<List<String>> seen = new HashSet<>();
        Set<String> stockCodes = new HashSet<>();
        for (List<String> r : rows) {
            boolean guest = r.get(6).isBlank();
            boolean neg = Integer.parseInt(r.get(3)) < 0;
            boolean nonPos = new BigDecimal(r.get(5)).signum() <= 0;
            boolean cancel = r.get(0).startsWith("C");
            guests += guest ? 1 : 0;
            negative += neg ? 1 : 0;
            nonPositive += nonPos ? 1 : 0;
            cancellations += cancel ? 1 : 0;
            stockCodes.add(r.get(1).strip().toUpperCase(java.util.Locale.ROOT)); // 85123a is 85123A
            if (seen.add(r)) {
                firstGuests += guest ? 1 : 0;
                firstNegative += neg ? 1 : 0;
                firstNonPositive += nonPos ? 1 : 0;
                firstCancellations += cancel ? 1 : 0;
            }
        }
        long exactRepeats = rows.size() - seen.size();
        // the README's figures for the sample (its guest count, 2,263, came from splitting lines at every comma,
        // which quoted descriptions break: an RFC 4180 reading finds 2,291)
        assertEquals(List.of(10_000, 2_291L, 130L, 46L), List.of(rows.size(), guests, negative, nonPositive));

        IngestReport report = Ingest.into(wh).onlineRetail(file).run();
        SourceReport lines = report.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(rows.size(), lines.read());
        assertEquals(lines.read(), lines.loaded() + lines.rejected() + lines.duplicates());
        assertEquals(0, lines.rejected(), lines.rejectionsByRule().toString());
        assertEquals(exactRepeats, lines.duplicates());
        assertEquals(lines.loaded(), Db.raw(wh, "orders"));
        assertEquals(firstGuests, Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders} WHERE customer_id IS NULL"));
        assertEquals(firstNegative, Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders} WHERE quantity < 0"));
        assertEquals(firstCancellations, Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders} WHERE status = "
                + "'cancelled'"));
        assertEquals(firstNonPositive, Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:orders} WHERE unit_price <= 0"));
        assertEquals(firstNonPositive, lines.warningsByRule().get("non_positive_price"));
        assertEquals(firstNegative - firstCancellations, lines.warningsByRule().get("negative_quantity"));
        // what the repeats take away from the file's totals: none of them is a guest, a return or an adjustment
        assertEquals(List.of(guests, negative, nonPositive, cancellations),
                List.of(firstGuests, firstNegative, firstNonPositive, firstCancellations));

        SourceReport products = report.source(SourceKind.PRODUCTS).orElseThrow();
        assertEquals(stockCodes.size(), products.read());
        assertEquals(stockCodes.size(), products.loaded());
        assertEquals(stockCodes.size(), Db.raw(wh, "products"));
        // the first line: 8:26 on 1 December 2010 in London is 8:26 UTC (winter), customer 17850.0 is 17850
        assertEquals(List.of(List.of("536365", "1", "85123A", "17850", "2010-12-01", "United Kingdom", "delivered")),
                Db.rows(wh, "SELECT order_id, line_no, product_id, customer_id, CAST(order_date AS VARCHAR(10)), "
                        + "shipping_country, status FROM ${raw:orders} WHERE source_line = 2"));
        assertEquals(List.of(List.of("WHITE HANGING HEART T-LIGHT HOLDER", "2.55", "Unknown")),
                Db.rows(wh, "SELECT title, price, category FROM ${raw:products} WHERE product_id = '85123A'"));
        assertEquals(0, Db.scalar(wh, "SELECT COUNT(*) FROM ${raw:products} WHERE title <> TRIM(title)"));
    }

    Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("retail.csv"), text, StandardCharsets.UTF_8);
    }

    static IngestOptions options() {
        return IngestOptions.defaults().withClock(Db.startOf(LocalDate.of(2012, 1, 1)));
    }

    @EachDatabase
    void eachQuirkOfTheFormatIsMappedAsDocumented(Warehouse wh) throws IOException {
        Path file = write(HEADER.toLowerCase(java.util.Locale.ROOT) + "\r\n"
                + "536365,85123A,\"HEART, WHITE  \",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\r\n"      // 2
                + "536365,85123A,\"HEART, WHITE  \",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\r\n"      // 3 dup
                + "536365,85123A,HEART WHITE,2,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\r\n"             // 4
                + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom\r\n"                  // 5
                + "536414,22139,,56,12/1/2010 11:52,0.00,,United Kingdom\r\n"                                   // 6
                + "A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,-11062.06,,United Kingdom\r\n"               // 7
                + "563186,22139,,-5,6/15/2011 9:30,0,,France\r\n"                                               // 8
                + "563187,22140,PADS,1,2011-06-15 10:00:00,0.001,13000.0,France\r\n"                            // 9
                + "563188,22140,PADS,1,2011-06-15 10:00:00,1.00,13000.5,France\r\n"                             // 10
                + "563189,22140,PADS,1,2013-06-15 10:00:00,1.00,13000,France\r\n"                               // 11
                + "563190,22140,PADS,1,13/15/2011 10:00,1.00,13000,France\r\n");                                // 12
        IngestReport report = Ingest.into(wh).onlineRetail(file).options(options()).run();
        SourceReport r = report.source(SourceKind.ORDERS).orElseThrow();
        assertEquals(List.of(11L, 6L, 4L, 1L), List.of(r.read(), r.loaded(), r.rejected(), r.duplicates()));
        assertEquals(Map.of("invalid_number", 2L, "future_date", 1L, "invalid_timestamp", 1L), r.rejectionsByRule());
        assertEquals(Map.of("non_positive_price", 3L, "negative_quantity", 1L), r.warningsByRule());
        assertEquals(List.of(
                        Arrays.asList("2", "536365", "1", "85123A", "17850", "6", "2.55", "delivered",
                                "2010-12-01 08:26:00", "2010-12-01", "United Kingdom"),
                        Arrays.asList("4", "536365", "2", "85123A", "17850", "2", "2.55", "delivered",
                                "2010-12-01 08:26:00", "2010-12-01", "United Kingdom"),
                        Arrays.asList("5", "C536379", "1", "D", "14527", "-1", "27.50", "cancelled",
                                "2010-12-01 09:41:00", "2010-12-01", "United Kingdom"),
                        Arrays.asList("6", "536414", "1", "22139", null, "56", "0.00", "delivered",
                                "2010-12-01 11:52:00", "2010-12-01", "United Kingdom"),
                        Arrays.asList("7", "A563185", "1", "B", null, "1", "-11062.06", "delivered",
                                "2011-08-12 13:50:00", "2011-08-12", "United Kingdom"),
                        Arrays.asList("8", "563186", "1", "22139", null, "-5", "0.00", "delivered",
                                "2011-06-15 08:30:00", "2011-06-15", "France")),
                Db.rows(wh, "SELECT source_line, order_id, line_no, product_id, customer_id, quantity, unit_price, "
                        + "status, ordered_at, CAST(order_date AS VARCHAR(10)), shipping_country FROM ${raw:orders} "
                        + "ORDER BY source_line").stream().map(row -> {
                            List<String> copy = new ArrayList<>(row);
                            copy.set(8, copy.get(8).replace('T', ' ').substring(0, 19));
                            return copy;
                        }).toList());
        // products: first non-blank description (trimmed), else the stock code; first positive price, else 0
        assertEquals(List.of(List.of("22139", "22139", "0.00"), List.of("85123A", "HEART, WHITE", "2.55"),
                        List.of("B", "Adjust bad debt", "0.00"), List.of("D", "Discount", "27.50")),
                Db.rows(wh, "SELECT product_id, title, price FROM ${raw:products} ORDER BY product_id"));
        SourceReport products = report.source(SourceKind.PRODUCTS).orElseThrow();
        assertEquals(List.of(4L, 4L, 0L), List.of(products.read(), products.loaded(), products.duplicates()));
        List<List<String>> quarantined = Db.rows(wh, "SELECT source_line, reasons FROM ${raw:orders_quarantine} "
                + "ORDER BY source_line");
        assertEquals(List.of(
                List.of("9", "invalid_number: unitprice '0.001' has more than 2 decimal places"),
                List.of("10", "invalid_number: customerid '13000.5' is not a whole number"),
                List.of("11", "future_date: order_date 2013-06-15, ordered_at 2013-06-15T09:00:00Z are in the "
                        + "future (today is 2012-01-01 in Europe/London)"),
                List.of("12", "invalid_timestamp: invoicedate '13/15/2011 10:00' is not a valid date and time")),
                quarantined.stream().map(q -> List.of(q.get(0), q.get(1).lines().findFirst().orElse(""))).toList());

        // the same file is skipped; read again (under another name) all its valid rows are duplicates
        Path copy = Files.copy(file, dir.resolve("retail_copy.csv"));
        SourceReport again = Ingest.into(wh).onlineRetail(copy).options(options().withSkipLoadedFiles(false)).run()
                .sources().get(0);
        assertEquals(List.of(11L, 0L, 4L, 7L), List.of(again.read(), again.loaded(), again.rejected(),
                again.duplicates()));
        assertTrue(Ingest.into(wh).onlineRetail(file).options(options()).run().sources().get(0).skipped());
    }

    @EachDatabase(DatabaseKind.DUCKDB)
    void aFileInTheOtherFormatIsRefusedNamingTheMissingColumn(Warehouse wh) throws IOException {
        Path file = write(IngestFilesTest.ORDERS_HEADER + "\n");
        dev.bookstore.model.BookstoreException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.bookstore.model.BookstoreException.class,
                () -> Ingest.into(wh).onlineRetail(file).options(options()).run());
        assertTrue(e.getMessage().startsWith("retail.csv: required column 'invoiceno' is missing from the header"),
                e.getMessage());
    }
}
