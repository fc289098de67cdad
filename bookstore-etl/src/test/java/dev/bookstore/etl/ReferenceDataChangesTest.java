package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customers and products are reference data whose latest load wins: a re-sent customer with a new city is loaded as
 * an update (not counted as a duplicate), so the change reaches the SCD type 2 history of {@code dim_customers} at
 * the next transform; a re-sent unchanged row is a duplicate; within one file the last row of a key wins.
 */
class ReferenceDataChangesTest {
    static final String CUSTOMERS_HEADER = "customer_id,email,first_name,last_name,registration_date,city,state,"
            + "country,acquisition_channel";
    static final String PRODUCTS_HEADER = "product_id,title,author,category,subcategory,price,rating,stock";
    static final LocalDate OPEN = LocalDate.of(9999, 12, 31);

    @TempDir
    Path dir;

    static String customer(String id, String registered, String city, String state) {
        return id + "," + id.toLowerCase() + "@example.com,Ann,Lee," + registered + "," + city + "," + state
                + ",United Kingdom,email";
    }

    Path file(String name, String header, String... rows) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, header + "\n" + String.join("\n", rows) + "\n");
        return f;
    }

    static SourceReport only(IngestReport report, SourceKind kind) {
        return report.source(kind).orElseThrow();
    }

    static void assertCounts(SourceReport s, long read, long loaded, long updated, long duplicates) {
        assertEquals(List.of(read, loaded, updated, duplicates, 0L),
                List.of(s.read(), s.loaded(), s.updated(), s.duplicates(), s.rejected()),
                "read, loaded, updated, duplicates, rejected of " + s.file());
    }

    @EachDatabase
    void aChangedCustomerIsAnUpdateThatReachesTheCustomerHistory(Warehouse wh) throws IOException {
        LocalDate day1 = LocalDate.of(2025, 3, 1);
        LocalDate day2 = LocalDate.of(2025, 3, 10);
        try {
            IngestReport first = Ingest.into(wh).customers(file("customers_1.csv", CUSTOMERS_HEADER,
                    customer("CUST_A", "2024-05-01", "Leeds", "West Yorkshire"),
                    customer("CUST_B", "2024-05-01", "Bristol", ""),
                    customer("CUST_C", "2024-05-01", "York", "North Yorkshire"))).run();
            assertCounts(only(first, SourceKind.CUSTOMERS), 3, 3, 0, 0);
            transform(wh, day1);

            IngestReport second = Ingest.into(wh).customers(file("customers_2.csv", CUSTOMERS_HEADER,
                    customer("CUST_A", "2024-05-01", "London", "Greater London"), // moved: update
                    customer("CUST_B", "2024-05-01", "Bath", "Somerset"),         // superseded by the next B
                    customer("CUST_B", "2024-05-01", "Bristol", ""),              // = loaded: duplicate
                    customer("CUST_C", "01/05/2024", "York", "North Yorkshire"),  // same date, other format
                    customer("CUST_D", "01/06/2024", "Leeds", "West Yorkshire"))).run(); // new
            SourceReport changes = only(second, SourceKind.CUSTOMERS);
            assertCounts(changes, 5, 2, 1, 3);
            assertEquals(Map.of("non_iso_date", 1L), changes.warningsByRule(),
                    "warnings count loaded rows only: D's non-ISO date, not C's (a duplicate)");
            assertEquals(List.of(List.of("CUST_A", "London", "Greater London", second.loadId(), "2"),
                            List.of("CUST_B", "Bristol", "", first.loadId(), "3"),
                            List.of("CUST_C", "York", "North Yorkshire", first.loadId(), "4"),
                            List.of("CUST_D", "Leeds", "West Yorkshire", second.loadId(), "6")),
                    Tables.query(wh, "SELECT customer_id, city, state, load_id, source_line FROM ${raw:customers} "
                            + "ORDER BY customer_id", rs -> List.of(rs.getString(1), rs.getString(2),
                            rs.getString(3) == null ? "" : rs.getString(3), rs.getString(4),
                            String.valueOf(rs.getLong(5)))));
            transform(wh, day2);
            assertEquals(List.of(
                            List.of("CUST_A", 1, "Leeds", LocalDate.of(2024, 5, 1), day2, false),
                            List.of("CUST_A", 2, "London", day2, OPEN, true),
                            List.of("CUST_B", 1, "Bristol", LocalDate.of(2024, 5, 1), OPEN, true),
                            List.of("CUST_C", 1, "York", LocalDate.of(2024, 5, 1), OPEN, true),
                            List.of("CUST_D", 1, "Leeds", LocalDate.of(2024, 6, 1), OPEN, true)),
                    Tables.query(wh, "SELECT customer_id, version_number, city, valid_from, valid_to, is_current "
                            + "FROM ${marts:dim_customers} ORDER BY customer_id, version_number",
                            rs -> List.of(rs.getString(1), rs.getInt(2), rs.getString(3), Tables.date(rs, 4),
                                    Tables.date(rs, 5), rs.getBoolean(6))));

            // the facts a per-customer look-up reads are indexed on the customer where the database uses indexes
            for (String[] fact : new String[][] {{"fct_orders", "customer_id"}, {"fct_order_lines", "customer_id"},
                {"fct_sessions", "user_id"}}) {
                TableName t = wh.table(Layer.MARTS, fact[0]);
                boolean usesIndexes = !wh.dialect().createIndex(t, "ix_probe", List.of(fact[1])).isEmpty();
                assertEquals(usesIndexes, indexedColumns(wh, t).contains(fact[1]), fact[0] + "." + fact[1]);
            }

            // the same content again: nothing changes, everything is a duplicate (records are never skipped)
            IngestReport again = Ingest.into(wh).customers(file("customers_3.csv", CUSTOMERS_HEADER,
                    customer("CUST_A", "2024-05-01", "London", "Greater London"))).run();
            assertCounts(only(again, SourceKind.CUSTOMERS), 1, 0, 0, 1);
        } finally {
            Tables.dropModels(wh);
        }
    }

    @EachDatabase
    void aProductWithNewStockOrPriceIsUpdated(Warehouse wh) throws IOException {
        Ingest.into(wh).products(file("products_1.csv", PRODUCTS_HEADER,
                "BOOK_1,Dune,Frank Herbert,Fiction,Science Fiction,9.99,4.5,12",
                "BOOK_2,Emma,Jane Austen,Fiction,Classics,5.50,,3")).run();
        IngestReport second = Ingest.into(wh).products(file("products_2.csv", PRODUCTS_HEADER,
                "BOOK_1,Dune,Frank Herbert,Fiction,Science Fiction,9.99,4.5,7",
                "BOOK_2,Emma,Jane Austen,Fiction,Classics,5.50,,3",
                "BOOK_3,Ulysses,James Joyce,Fiction,Classics,12.00,3.9,1")).run();
        assertCounts(only(second, SourceKind.PRODUCTS), 3, 2, 1, 1);
        List<List<Object>> rows = Tables.query(wh, "SELECT product_id, price, stock, load_id FROM ${raw:products} "
                + "ORDER BY product_id", rs -> List.of(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros(),
                rs.getInt(3), rs.getString(4).equals(second.loadId())));
        assertEquals(List.of(List.of("BOOK_1", new BigDecimal("9.99"), 7, true),
                List.of("BOOK_2", new BigDecimal("5.5"), 3, false),
                List.of("BOOK_3", new BigDecimal("12"), 1, true)), rows);
        assertTrue(second.toJson().contains("\"updated\" : 1"), second.toJson());
    }

    @EachDatabase
    void idsThatDifferOnlyInCaseAreDifferentRowsOnEveryDatabase(Warehouse wh) throws IOException {
        IngestReport report = Ingest.into(wh).products(file("products_case.csv", PRODUCTS_HEADER,
                "BOOK_1,Dune,Frank Herbert,Fiction,Science Fiction,9.99,4.5,12",
                "book_1,dune,frank herbert,Fiction,Science Fiction,9.99,4.5,12")).run();
        assertCounts(only(report, SourceKind.PRODUCTS), 2, 2, 0, 0);
        try {
            transform(wh, LocalDate.of(2025, 3, 1));
            assertEquals(List.of("BOOK_1", "book_1"), Tables.query(wh, "SELECT product_id FROM "
                    + "${marts:dim_products} WHERE LOWER(product_id) = 'book_1'", rs -> rs.getString(1)).stream()
                    .sorted().toList());
            assertEquals(List.of(1L), Tables.query(wh, "SELECT COUNT(*) FROM ${marts:dim_products} WHERE "
                    + "product_id = 'book_1'", rs -> rs.getLong(1)));
        } finally {
            Tables.dropModels(wh);
        }
    }

    /** The lower-case names of the columns of {@code t} that lead an index, from the driver's metadata. */
    static java.util.Set<String> indexedColumns(Warehouse wh, TableName t) {
        return wh.withConnection(c -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            java.sql.DatabaseMetaData md = c.getMetaData();
            for (String name : List.of(t.name(), t.name().toUpperCase(java.util.Locale.ROOT))) {
                String schema = t.schema().map(sc -> name.equals(t.name()) ? sc : sc.toUpperCase(java.util.Locale.ROOT))
                        .orElse(null);
                try (java.sql.ResultSet rs = md.getIndexInfo(c.getCatalog(), schema, name, false, true)) {
                    while (rs.next()) {
                        if (rs.getShort("ORDINAL_POSITION") == 1 && rs.getString("COLUMN_NAME") != null) {
                            out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
            return out;
        });
    }

    static void transform(Warehouse wh, LocalDate day) {
        Transform.on(wh).options(TransformOptions.defaults().withPiiSalt("reference-salt").withSnapshotDay(day))
                .run();
    }
}
