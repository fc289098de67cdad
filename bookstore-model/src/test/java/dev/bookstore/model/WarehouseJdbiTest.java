package dev.bookstore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.testing.EachDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.TimeZone;

/** The one way in: Jdbi callbacks with named binds, instants stored as UTC, errors of the right kind. */
class WarehouseJdbiTest {

    @EachDatabase
    void instantsAreStoredAndReadAsUtcWhateverTheJvmZone(Warehouse wh) {
        wh.init();
        TableName t = wh.table(Layer.META, "utc_probe");
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try {
            Instant at = Instant.parse("2025-06-30T23:30:00.123456Z");
            String text = wh.inTransaction(h -> {
                h.execute("CREATE TABLE " + t.sql() + " (happened_at " + wh.dialect().timestampType() + ", d DATE)");
                h.createUpdate("INSERT INTO " + t.sql() + " (happened_at, d) VALUES (:at, :d)").bind("at", at)
                        .bind("d", LocalDate.of(2025, 6, 30)).execute();
                return h.createQuery("SELECT CAST(happened_at AS " + (wh.dialect().name().equals("mariadb") ? "CHAR"
                        : "VARCHAR(40)") + ") FROM " + t.sql()).mapTo(String.class).one();
            });
            assertTrue(text.startsWith("2025-06-30 23:30:00.123456"), text);
            assertEquals(at, wh.withHandle(h -> h.createQuery("SELECT happened_at FROM " + t.sql())
                    .mapTo(Instant.class).one()));
            assertEquals(LocalDate.of(2025, 6, 30), wh.withHandle(h -> h.createQuery("SELECT d FROM " + t.sql()
                    + " WHERE happened_at = :at").bind("at", at).mapTo(LocalDate.class).one()));
        } finally {
            TimeZone.setDefault(saved);
            wh.withHandle(h -> h.execute("DROP TABLE IF EXISTS " + t.sql()));
        }
    }

    @EachDatabase
    void aFailedStatementIsADatabaseFailureNamingIt(Warehouse wh) {
        wh.init();
        WarehouseException e = assertThrows(WarehouseException.class, () -> wh.withHandle(h ->
                h.createQuery("SELEKT 1").define("statement", "probe.select").mapTo(Integer.class).one()));
        assertEquals(Optional.of("probe.select"), e.statement());
        assertTrue(e.getMessage().startsWith("database error on ") && e.getMessage().contains(" in probe.select: "),
                e.getMessage());
        NotReadyException missing = assertThrows(NotReadyException.class, () -> wh.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM " + wh.table(Layer.MARTS, "fct_orders").sql())
                        .define("statement", "probe.count").mapTo(Long.class).one()));
        assertTrue(missing.getMessage().contains(" in probe.count: ")
                && missing.getMessage().endsWith("build the marts with Transform)"), missing.getMessage());
    }
}
