package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Trino the marts that other databases index are partitioned by month and sorted by the look-up key instead
 * (the models' {@code -- partition:} and {@code -- index:} headers): Iceberg's own metadata tables show it.
 */
@ExtendWith(Warehouses.class)
class TrinoTableLayoutTest {
    @EachDatabase(DatabaseKind.TRINO)
    void factTablesArePartitionedByMonthAndSortedByTheirLookUpKey(DatabaseKind kind) {
        Warehouse wh = TestData.warehouse(kind);
        for (String[] fact : new String[][] {{"fct_orders", "order_date", "customer_id"},
                {"fct_order_lines", "order_date", "customer_id"}, {"fct_events", "event_date", ""},
                {"fct_sessions", "session_date", "user_id"}}) {
            String table = wh.render("${marts:" + fact[0] + "}");
            long months = wh.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT date_trunc('month', " + fact[1]
                    + ")) FROM " + table).mapTo(Long.class).one());
            long partitions = wh.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM "
                    + table.replace(fact[0], "\"" + fact[0] + "$partitions\"")).mapTo(Long.class).one());
            assertTrue(months >= 3, fact[0] + " spans October to December: " + months);
            assertEquals(months, partitions, fact[0] + ": one partition per month of " + fact[1]);
            String ddl = wh.withHandle(h -> h.createQuery("SHOW CREATE TABLE " + table).mapTo(String.class).one());
            assertTrue(ddl.contains("partitioning = ARRAY['month(" + fact[1] + ")']"), ddl);
            if (!fact[2].isEmpty()) {
                assertTrue(ddl.contains("sorted_by = ARRAY['" + fact[2] + " ASC NULLS FIRST']")
                        || ddl.contains("sorted_by = ARRAY['" + fact[2] + "']"), ddl);
            }
        }
    }
}
