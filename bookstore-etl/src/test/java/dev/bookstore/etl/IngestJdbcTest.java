package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A query against an "operational" database (in-memory H2) as a source, read incrementally by a watermark. */
class IngestJdbcTest {
    @TempDir
    Path dir;
    JdbcDataSource shop;
    Connection keepAlive;
    int next;

    @BeforeEach
    void openShop() throws SQLException {
        shop = new JdbcDataSource();
        shop.setURL("jdbc:h2:mem:shop_" + UUID.randomUUID().toString().replace("-", ""));
        keepAlive = shop.getConnection();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE order_lines (id BIGINT PRIMARY KEY, order_id VARCHAR(20), customer_id VARCHAR(20), "
                    + "order_date DATE, product_id VARCHAR(20), quantity INT, unit_price DECIMAL(10, 2), "
                    + "status VARCHAR(10), ordered_at TIMESTAMP, shipping_state VARCHAR(40), internal_note VARCHAR(40), "
                    + "updated_at TIMESTAMP)");
        }
    }

    @AfterEach
    void closeShop() throws SQLException {
        keepAlive.close();
    }

    /** Inserts {@code n} order lines updated at successive minutes after the last; one has {@code price}. */
    void insert(int n, String price) throws SQLException {
        try (PreparedStatement ps = keepAlive.prepareStatement("INSERT INTO order_lines VALUES (?, ?, 'CUST_1', "
                + "DATE '2025-03-04', 'BOOK_1', 1, ?, 'delivered', TIMESTAMP '2025-03-04 10:15:30', 'Kent', 'x', ?)")) {
            for (int i = 0; i < n; i++) {
                next++;
                ps.setLong(1, next);
                ps.setString(2, "ORD_" + next);
                ps.setBigDecimal(3, new java.math.BigDecimal(i == 0 ? price : "9.99"));
                ps.setObject(4, LocalDateTime.of(2025, 3, 4, 12, 0).plusMinutes(next));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Path products() throws IOException {
        return Files.writeString(dir.resolve("products.csv"), IngestFilesTest.PRODUCTS_HEADER
                + "\nBOOK_1,A,B,Fiction,Mystery,9.99,,1\n");
    }

    @EachDatabase
    void anIncrementalSourceReadsOnlyRowsAboveItsStoredWatermark(Warehouse wh) throws SQLException, IOException {
        insert(5, "9.99");
        JdbcSource source = JdbcSource.of(shop, "SELECT * FROM order_lines").incrementalBy("updated_at")
                .named("shop-order-lines");
        SourceReport first = Ingest.into(wh).products(products()).orders(source).options(IngestFilesTest.options())
                .run().source(SourceKind.ORDERS).orElseThrow();
        assertEquals(List.of(5L, 5L, 0L, 0L), List.of(first.read(), first.loaded(), first.rejected(),
                first.duplicates()));
        assertEquals("shop-order-lines", first.file());
        assertEquals(List.of("id", "internal_note"), first.ignoredColumns().stream()
                .map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList());

        SourceReport second = Ingest.into(wh).orders(source).options(IngestFilesTest.options()).run().sources().get(0);
        assertEquals(0, second.read());

        insert(3, "9.99");
        SourceReport third = Ingest.into(wh).orders(source).options(IngestFilesTest.options()).run().sources().get(0);
        assertEquals(List.of(3L, 3L), List.of(third.read(), third.loaded()));
        assertEquals(8, Db.raw(wh, "orders"));
        assertEquals(List.of(List.of("updated_at", "timestamp", "2025-03-04T12:08")),
                Db.rows(wh, "SELECT watermark_column, value_type, watermark_value FROM ${meta:ingest_watermarks} "
                        + "WHERE source_name = 'shop-order-lines'"));
        // values are typed as a file's would be: the instant of a zone-less timestamp is read as UTC
        assertEquals(List.of(List.of("ORD_8", "2025-03-04", "9.99", "Kent", "shop-order-lines", "3")),
                Db.rows(wh, "SELECT order_id, CAST(order_date AS VARCHAR(10)), unit_price, shipping_state, "
                        + "source_name, source_line FROM ${raw:orders} WHERE order_id = 'ORD_8'"));
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void rowsOfAQueryGoThroughTheSameRulesAndQuarantine(Warehouse wh) throws SQLException, IOException {
        insert(2, "-1.00");
        JdbcSource source = JdbcSource.of(shop, "SELECT * FROM order_lines", "id");
        SourceReport r = Ingest.into(wh).products(products()).orders(source).options(IngestFilesTest.options()).run()
                .source(SourceKind.ORDERS).orElseThrow();
        assertEquals(List.of(2L, 1L, 1L), List.of(r.read(), r.loaded(), r.rejected()));
        assertEquals(Map.of("negative_price", 1L), r.rejectionsByRule());
        assertEquals(List.of(List.of("1", "ORD_1,CUST_1,2025-03-04,BOOK_1,1,-1.00,,delivered,2025-03-04T10:15:30Z,,,"
                        + "Kent,,,")),
                Db.rows(wh, "SELECT source_line, raw_text FROM ${raw:orders_quarantine}"));
        // the watermark passed the rejected row too: it is in quarantine, to be replayed, not read again
        insert(1, "9.99");
        SourceReport next = Ingest.into(wh).orders(source).options(IngestFilesTest.options()).run().sources().get(0);
        assertEquals(List.of(1L, 1L), List.of(next.read(), next.loaded()));
    }

    @EachDatabase(DatabaseKind.H2)
    void aQueryWithoutARequiredColumnOrWithABadWatermarkIsRefusedNamingIt(Warehouse wh) throws SQLException {
        insert(1, "9.99");
        BookstoreException missing = assertThrows(BookstoreException.class, () -> Ingest.into(wh)
                .orders(JdbcSource.of(shop, "SELECT order_id, product_id FROM order_lines").named("ops")).run());
        assertTrue(missing.getMessage().startsWith("ops: required column 'order_date' is missing from the query's "
                + "columns (found: order_id,product_id)"), missing.getMessage());
        BookstoreException text = assertThrows(BookstoreException.class, () -> Ingest.into(wh)
                .orders(JdbcSource.of(shop, "SELECT * FROM order_lines", "status").named("ops")).run());
        assertTrue(text.getMessage().startsWith("ops: watermark column 'status' has type CHARACTER VARYING; a "
                + "watermark must be a number, a date or a timestamp"), text.getMessage());
        BookstoreException broken = assertThrows(BookstoreException.class, () -> Ingest.into(wh)
                .orders(JdbcSource.of(shop, "SELECT * FROM no_such_table").named("ops")).run());
        assertTrue(broken.getMessage().startsWith("reading JDBC source 'ops' failed: "), broken.getMessage());
        assertEquals(0, Db.raw(wh, "orders"));
    }
}
