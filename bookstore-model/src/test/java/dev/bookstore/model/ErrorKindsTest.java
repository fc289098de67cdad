package dev.bookstore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The four kinds of error, their messages, and that adding context keeps the kind. */
class ErrorKindsTest {

    @Test
    void aBadArgumentNamesTheParameterAndWhatIsValid() {
        InvalidArgumentException url = assertThrows(InvalidArgumentException.class,
                () -> Warehouse.connect("postgres://db:5432/shop?password=secret"));
        assertEquals(Optional.of("jdbcUrl"), url.parameter());
        assertEquals("database URL 'postgres://db:5432/shop?password=***' does not start with 'jdbc:' (examples: "
                + "jdbc:duckdb:./bookstore.duckdb, jdbc:postgresql://host:5432/db?user=u, "
                + "jdbc:mariadb://host:3306/db?user=u, jdbc:h2:mem:test)", url.getMessage());
        InvalidArgumentException pool = assertThrows(InvalidArgumentException.class,
                () -> WarehouseConfig.defaults().withPoolSize(0));
        assertEquals("poolSize 0 is outside 1..200", pool.getMessage());
        InvalidArgumentException zone = assertThrows(InvalidArgumentException.class,
                () -> WarehouseConfig.defaults().withReportingZone("Mars/Olympus"));
        assertEquals("reporting zone 'Mars/Olympus' is not a known time zone id (expected e.g. Europe/London, UTC, "
                + "America/New_York)", zone.getMessage());
    }

    @Test
    void contextKeepsTheKindAndItsDetails() {
        SQLException refused = new SQLException("Connection refused", "08001");
        WarehouseException failure = new WarehouseException("metric revenue failed", "revenue", refused);
        WarehouseException f2 = failure.withContext("daily report");
        assertEquals("daily report: metric revenue failed", f2.getMessage());
        assertEquals(Optional.of("revenue"), f2.statement());
        assertSame(failure, f2.getCause());
        assertSame(refused, f2.getCause().getCause());

        NotFoundException missing = new NotFoundException("customer", "CUST_9", "unknown customer 'CUST_9'");
        NotFoundException m2 = missing.withContext("churn score");
        assertEquals("churn score: unknown customer 'CUST_9'", m2.getMessage());
        assertEquals("customer", m2.entity());
        assertEquals("CUST_9", m2.id());

        BookstoreException invalid = new InvalidArgumentException("limit", "limit 0 is outside 1..100");
        BookstoreException i2 = invalid.withContext("top products");
        InvalidArgumentException typed = assertInstanceOf(InvalidArgumentException.class, i2);
        assertEquals(Optional.of("limit"), typed.parameter());
        assertEquals("top products: limit 0 is outside 1..100", typed.getMessage());

        BookstoreException notReady = new NotReadyException("marts are missing: build them first with Transform");
        assertInstanceOf(NotReadyException.class, notReady.withContext("metric revenue"));
        assertEquals(Optional.empty(), new WarehouseException("x").statement());
    }

    @EachDatabase
    void aMissingRelationIsNotReadyAndSaysWhatToRun(TestDatabase db) {
        Warehouse wh = db.warehouse();
        wh.init();
        TableName marts = wh.table(Layer.MARTS, "fct_orders");
        NotReadyException e = assertThrows(NotReadyException.class, () -> wh.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeQuery("SELECT count(*) FROM " + marts.sql()).next();
            }
        }));
        assertTrue(e.getMessage().startsWith("database error on "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(a table or view is missing: run Warehouse.init(), then build the marts "
                + "with Transform)"), e.getMessage());
        assertInstanceOf(SQLException.class, e.getCause());
    }

    @EachDatabase
    void otherSqlErrorsAreDatabaseFailuresNotNotReady(TestDatabase db) {
        Warehouse wh = db.warehouse();
        wh.init();
        WarehouseException e = assertThrows(WarehouseException.class, () -> wh.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeQuery("SELEKT 1").next();
            }
        }));
        assertTrue(e.getMessage().startsWith("database error on "), e.getMessage());
        assertInstanceOf(SQLException.class, e.getCause());
    }

    @EachDatabase
    void aRefusedConnectionIsADatabaseFailure(TestDatabase db) {
        Warehouse wh = db.unreachableWarehouse();
        WarehouseException e = assertThrows(WarehouseException.class, wh::init);
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        WarehouseException direct = assertThrows(WarehouseException.class, () -> wh.withConnection(c -> 1));
        assertEquals("database error on the given DataSource: Connection refused", direct.getMessage());
        assertEquals("08001", ((SQLException) direct.getCause()).getSQLState());
    }
}
