package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.sql.DateUnit;
import dev.bookstore.model.sql.Dialect;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transform's macros beside the built-in vocabulary, and mistakes in model SQL naming the file. */
class TransformMacrosTest {
    static Warehouse wh;

    @BeforeAll
    static void open() {
        wh = Warehouse.connect("jdbc:duckdb:", WarehouseConfig.defaults());
    }

    @AfterAll
    static void close() {
        wh.close();
    }

    private static String render(String sql, String salt, Optional<LocalDate> window) {
        return TransformMacros.render(wh, sql, "f.sql", TransformMacros.of(wh.dialect(), () -> salt, window));
    }

    @Test
    void nestedMacrosExpandInnermostFirst() {
        Dialect d = wh.dialect();
        assertEquals("SELECT " + d.addDays(d.dateTrunc(DateUnit.MONTH, "d"), "-1") + " FROM t",
                render("SELECT {{add_days({{date_trunc(month, d)}}, -1)}} FROM t", "salty-salt", Optional.empty()));
    }

    @Test
    void theIncrementalWindowIsTrueOnAFullBuild() {
        assertEquals("WHERE (1 = 1)", render("WHERE {{incremental_window(order_date)}}", "", Optional.empty()));
        assertEquals("WHERE (order_date >= :window_start)", render("WHERE {{incremental_window(order_date)}}",
                "", Optional.of(LocalDate.of(2025, 2, 7))));
    }

    @Test
    void piiHashIsSaltedAndKeepsNull() {
        assertEquals("(CASE WHEN (email) IS NULL THEN NULL ELSE sha256(CONCAT('pepper-and-salt', email)) END)",
                render("{{pii_hash(email)}}", "pepper-and-salt", Optional.empty()));
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> render("{{pii_hash(email)}}", "x'; --", Optional.empty()));
        assertTrue(e.getMessage().startsWith("f.sql: PII salt is not valid"), e.getMessage());
    }

    @Test
    void mistakesNameTheFile() {
        assertTrue(message("{{date_trunc(fortnight, d)}}").startsWith("a.sql: date_trunc unit 'fortnight' is not one of"));
        assertEquals("a.sql: unknown macro {{md5(..)}} (known: add_days, date_trunc, days_between, hour_of, "
                + "incremental_window, iso_day_of_week, local_time, month_index, pii_hash, seconds_between, sha256, text)",
                message("{{md5(x)}}"));
        assertTrue(message("{{add_days(x)}}").startsWith("a.sql: macro add_days takes 2 arguments, got 1"));
        assertTrue(message("{{sha256(x)").startsWith("a.sql: '{{' without a closing '}}'"));
    }

    private static String message(String sql) {
        return assertThrows(BookstoreException.class, () -> TransformMacros.render(wh, sql, "a.sql",
                TransformMacros.of(wh.dialect(), () -> "", Optional.empty()))).getMessage();
    }
}
