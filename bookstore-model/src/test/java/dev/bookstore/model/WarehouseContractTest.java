package dev.bookstore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.sql.BulkWriter;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The warehouse contract: schema set-up, layer mapping, typed round trips and bulk loads, on every database. */
class WarehouseContractTest {

    @EachDatabase(also = DatabaseKind.TRINO)
    void initCreatesTheSchemaOnceAndIsIdempotent(Warehouse wh) {
        assertEquals(0, wh.schemaVersion());
        SchemaChange first = wh.init();
        assertEquals(new SchemaChange(0, Schema.latestVersion()), first);
        assertTrue(first.changed());
        SchemaChange second = wh.init();
        assertFalse(second.changed());
        assertEquals(Schema.latestVersion(), wh.schemaVersion());
        for (String table : List.of("orders", "customers", "products", "events")) {
            assertEquals(0L, count(wh, wh.table(Layer.RAW, table)), table);
        }
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void layersMapToSchemasOrPrefixes(TestDatabase db) {
        Warehouse wh = db.warehouse();
        TableName orders = wh.table(Layer.RAW, "orders");
        String ns = db.namespace().isEmpty() ? "" : db.namespace() + "_";
        if (db.kind() == DatabaseKind.MARIADB) {
            assertEquals(Optional.empty(), orders.schema());
            assertEquals(ns + "raw_orders", orders.name());
        } else {
            assertEquals(Optional.of(ns + "raw"), orders.schema());
            assertEquals("orders", orders.name());
        }
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void namespacesIsolateWarehousesInOneDatabase(TestDatabase db) {
        Warehouse a = db.warehouse();
        Warehouse b = db.connect(WarehouseConfig.defaults().withNamespace(
                (db.namespace().isEmpty() ? "other" : db.namespace() + "b")));
        a.init();
        b.init();
        insertProducts(a, 3);
        assertEquals(3L, count(a, a.table(Layer.RAW, "products")));
        assertEquals(0L, count(b, b.table(Layer.RAW, "products")));
        if (db.kind().isServer()) {
            dropNamespace(b, db);
        }
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void bulkWriterRoundTripsEveryTypeExactly(Warehouse wh) {
        wh.init();
        TableName orders = wh.table(Layer.RAW, "orders");
        Instant at = Instant.parse("2025-03-30T00:30:15.123456Z");
        List<String> cols = List.of("order_id", "line_no", "customer_id", "order_date", "product_id", "quantity",
                "unit_price", "status", "ordered_at", "shipping_state", "shipped_date", "source_name", "source_line",
                "load_id");
        long written = wh.inJdbcTransaction(c -> {
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, orders, cols)) {
                w.row("ORD_1", 1, "CUST_1", LocalDate.of(2025, 3, 30), "BOOK_1", 2, new BigDecimal("12.99"),
                        "delivered", at, Optional.of("Greater London"), LocalDate.of(2025, 4, 1), "f.csv", 2L, "L1");
                w.row("ORD_1", 2, Optional.empty(), LocalDate.of(2025, 3, 30), "BOOK_2", -1, new BigDecimal("-0.01"),
                        "cancelled", null, Optional.empty(), null, "f, \"quoted\".csv", 3L, "L1");
                return w.finish();
            }
        });
        assertEquals(2, written);
        wh.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT line_no, customer_id, order_date, quantity, "
                    + "unit_price, ordered_at, shipping_state, shipped_date, source_name FROM " + orders.sql()
                    + " ORDER BY line_no"); ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("CUST_1", rs.getString(2));
                assertEquals(LocalDate.of(2025, 3, 30), rs.getObject(3, LocalDate.class));
                assertEquals(2, rs.getInt(4));
                assertEquals(new BigDecimal("12.99"), rs.getBigDecimal(5));
                assertEquals(LocalDateTime.ofInstant(at, ZoneOffset.UTC), rs.getObject(6, LocalDateTime.class));
                assertEquals("Greater London", rs.getString(7));
                assertEquals(LocalDate.of(2025, 4, 1), rs.getObject(8, LocalDate.class));
                assertTrue(rs.next());
                assertEquals(null, rs.getString(2));
                assertEquals(-1, rs.getInt(4));
                assertEquals(new BigDecimal("-0.01"), rs.getBigDecimal(5));
                assertEquals(null, rs.getObject(6));
                assertEquals(null, rs.getString(7));
                assertEquals("f, \"quoted\".csv", rs.getString(9));
                assertFalse(rs.next());
            }
            return null;
        });
    }

    @EachDatabase
    void aFailedTransactionLeavesNoBulkRows(Warehouse wh) {
        wh.init();
        TableName products = wh.table(Layer.RAW, "products");
        assertThrows(IllegalStateException.class, () -> wh.inJdbcTransaction(c -> {
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, products, productColumns())) {
                for (int i = 0; i < 10; i++) {
                    w.row(productRow(i));
                }
                w.finish();
            }
            throw new IllegalStateException("killed midway");
        }));
        assertEquals(0L, count(wh, products));
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void theStoredReportingZoneCannotSilentlyChange(TestDatabase db) {
        db.warehouse().init();
        Warehouse otherZone = db.connect(WarehouseConfig.defaults().withReportingZone("America/New_York"));
        WarehouseException e = assertThrows(WarehouseException.class, otherZone::init);
        assertTrue(e.getMessage().contains("reporting_zone 'Europe/London'"), e.getMessage());
        assertTrue(e.getMessage().contains("America/New_York"), e.getMessage());
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void aCallersDataSourceIsNeverClosed(TestDatabase db) throws Exception {
        Warehouse owner = db.warehouse();
        owner.init();
        try (Warehouse borrowed = Warehouse.using(owner.dataSource(), owner.config())) {
            assertEquals(Schema.latestVersion(), borrowed.schemaVersion());
        }
        assertEquals(Schema.latestVersion(), owner.schemaVersion());
    }

    static List<String> productColumns() {
        return List.of("product_id", "title", "author", "category", "subcategory", "price", "rating", "stock",
                "source_name", "source_line", "load_id");
    }

    static Object[] productRow(int i) {
        return new Object[] {"BOOK_" + i, "Title " + i, "Author", "Fiction", "Mystery", new BigDecimal("9.99"),
            new BigDecimal("4.5"), 10 + i, "p.csv", (long) i + 2, "L1"};
    }

    static void insertProducts(Warehouse wh, int n) {
        wh.inJdbcTransaction(c -> {
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, wh.table(Layer.RAW, "products"), productColumns())) {
                for (int i = 0; i < n; i++) {
                    w.row(productRow(i));
                }
                return w.finish();
            }
        });
    }

    static long count(Warehouse wh, TableName table) {
        return wh.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table.sql()).mapTo(Long.class).one());
    }

    private static void dropNamespace(Warehouse wh, TestDatabase db) {
        wh.withConnection(c -> {
            for (Layer layer : Layer.values()) {
                TableName t = wh.table(layer, "x");
                if (db.kind() == DatabaseKind.POSTGRESQL || db.kind() == DatabaseKind.TRINO) {
                    c.createStatement().execute("DROP SCHEMA IF EXISTS " + t.schema().orElseThrow() + " CASCADE");
                }
            }
            if (db.kind() == DatabaseKind.MARIADB) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name LIKE '" + wh.config().namespace() + "\\_%'")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                for (String n : names) {
                    c.createStatement().execute("DROP TABLE " + n);
                }
            }
            return null;
        });
    }
}
