package dev.bookstore.model.sqlext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.sql.BulkWriter;
import dev.bookstore.model.sql.DateUnit;
import dev.bookstore.model.sql.Dialect;
import dev.bookstore.model.sql.DialectRuntime;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.RelationKind;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.WarehouseLock;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A dialect written outside {@code dev.bookstore.model.sql}, against the public base classes only (a stranger's
 * view): it must be enough to run a warehouse. H2 is the database, spoken to by a dialect of our own.
 */
class OutsideDialectTest {

    /** H2 as a stranger would write it: only the abstract methods, defaults for the rest, no indexes. */
    static final class StrangerDialect extends Dialect {
        static final Context CONTEXT = Context.named("stranger").withProductNames("H2");

        private final DialectRuntime runtime = new DialectRuntime(this) {
            @Override
            public Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait) {
                return fileLock(scope, name, wait);
            }
        };

        StrangerDialect() {
            super(CONTEXT);
        }

        @Override
        public DialectRuntime runtime() {
            return runtime;
        }

        @Override
        public boolean supportsIndexes() {
            return false;
        }

        @Override
        public String longTextType() {
            return "CHARACTER VARYING(1000000000)";
        }

        @Override
        public String addDays(String dateExpr, String daysExpr) {
            return "DATEADD(DAY, " + daysExpr + ", CAST(" + dateExpr + " AS DATE))";
        }

        @Override
        public String daysBetween(String fromDate, String toDate) {
            return "DATEDIFF(DAY, CAST(" + fromDate + " AS DATE), CAST(" + toDate + " AS DATE))";
        }

        @Override
        public String secondsBetween(String from, String to) {
            return "DATEDIFF(SECOND, " + from + ", " + to + ")";
        }

        @Override
        public String isoDayOfWeek(String dateExpr) {
            return "ISO_DAY_OF_WEEK(" + dateExpr + ")";
        }

        @Override
        public String localTimestamp(String utcTimestampExpr, ZoneId zone) {
            return zoneShift(utcTimestampExpr, zone, (ts, s) -> "DATEADD(SECOND, " + s + ", " + ts + ")");
        }

        @Override
        public String sha256Hex(String expr) {
            return "LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(" + expr + "))))";
        }
    }

    @Test
    void theContextDrivesQuotingLayersAndDetection() {
        Dialect d = new StrangerDialect();
        assertEquals("stranger", d.name());
        assertEquals("\"a\"\"b\"", d.quote("a\"b"));
        assertEquals("raw.orders", d.table("", Optional.empty(), Layer.RAW, "orders").sql());
        assertTrue(d.accepts("h2", "2.3"));
        assertFalse(d.accepts("SQLite", "3.45"));
        assertEquals(List.of(), d.createIndex(new TableName(Optional.of("raw"), "orders"), "ix_orders", List.of("id")));
        assertTrue(d.supportsTransactions());
        assertFalse(d.supportsRoles());
        Dialect.Context mariaLike = Dialect.Context.named("x").withIdentifierQuote('`').withLayersAreSchemas(false);
        assertEquals('`', mariaLike.identifierQuote());
        assertFalse(mariaLike.layersAreSchemas());
    }

    @Test
    void aWarehouseRunsOnIt() {
        try (Warehouse wh = Warehouse.connect("jdbc:h2:mem:", WarehouseConfig.defaults()
                .withDialect(new StrangerDialect()))) {
            assertEquals("stranger", wh.dialect().name());
            wh.init();
            TableName t = wh.table(Layer.META, "stranger_rows");
            long written = wh.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + t.sql() + " (d DATE, n INTEGER)");
                }
                try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, t, List.of("d", "n"))) {
                    w.row(LocalDate.of(2025, 3, 31), 1);
                    w.row(LocalDate.of(2025, 1, 1), 2);
                    return w.finish();
                }
            });
            assertEquals(2, written);
            String month = wh.withHandle(h -> h.createQuery("SELECT CAST(" + wh.dialect().dateTrunc(DateUnit.MONTH,
                    "d") + " AS VARCHAR) FROM " + t.sql() + " WHERE n = 1").mapTo(String.class).one());
            assertEquals("2025-03-01", month);
            Optional<RelationKind> kind = wh.withConnection(c -> wh.dialect().runtime().relationKind(c, t));
            assertEquals(Optional.of(RelationKind.TABLE), kind);
            try (WarehouseLock lock = wh.lock("stranger", Duration.ofSeconds(1))) {
                assertTrue(wh.tryLock("stranger", Duration.ofMillis(50)).isEmpty(), "the lock excludes a second holder");
            }
            Optional<WarehouseLock> again = wh.tryLock("stranger", Duration.ofMillis(50));
            assertTrue(again.isPresent(), "released on close");
            again.get().close();
        }
    }
}
