package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.sql.DateUnit;
import dev.bookstore.model.sql.Dialect;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Macros expand innermost first into the dialect's fragments. */
class SqlMacrosTest {
    final Dialect mariadb = Dialect.named("mariadb").orElseThrow();
    final Dialect duckdb = Dialect.named("duckdb").orElseThrow();

    @Test
    void nestedMacrosExpandInnermostFirst() {
        SqlMacros m = new SqlMacros(mariadb, () -> "salty-salt", Optional.empty());
        String sql = m.render("SELECT {{add_days({{date_trunc(month, d)}}, -1)}} FROM t", "f.sql");
        assertEquals("SELECT " + mariadb.addDays(mariadb.dateTrunc(DateUnit.MONTH, "d"), "-1") + " FROM t", sql);
    }

    @Test
    void argumentsSplitOutsideParenthesesAndQuotes() {
        assertEquals(List.of("CONCAT(a, ',', b)", "'x, y'", "f(1, (2, 3))"),
                SqlMacros.Arguments.split("CONCAT(a, ',', b), 'x, y', f(1, (2, 3))"));
    }

    @Test
    void theIncrementalWindowIsTrueOnAFullBuild() {
        assertEquals("WHERE (1 = 1)", new SqlMacros(duckdb, () -> "", Optional.empty())
                .render("WHERE {{incremental_window(order_date)}}", "f"));
        assertEquals("WHERE (order_date >= DATE '2025-02-07')", new SqlMacros(duckdb, () -> "",
                Optional.of(LocalDate.of(2025, 2, 7))).render("WHERE {{incremental_window(order_date)}}", "f"));
    }

    @Test
    void piiHashIsSaltedAndKeepsNull() {
        String sql = new SqlMacros(duckdb, () -> "pepper-and-salt", Optional.empty()).render("{{pii_hash(email)}}",
                "f");
        assertEquals("(CASE WHEN (email) IS NULL THEN NULL ELSE sha256(CONCAT('pepper-and-salt', email)) END)", sql);
        BookstoreException e = assertThrows(BookstoreException.class, () -> new SqlMacros(duckdb, () -> "x'; --",
                Optional.empty()).render("{{pii_hash(email)}}", "f"));
        assertTrue(e.getMessage().startsWith("PII salt is not valid"), e.getMessage());
    }

    @Test
    void mistakesNameTheFile() {
        SqlMacros m = new SqlMacros(duckdb, () -> "", Optional.empty());
        assertTrue(assertThrows(BookstoreException.class, () -> m.render("{{date_trunc(fortnight, d)}}", "a.sql"))
                .getMessage().startsWith("a.sql: date_trunc unit 'fortnight' is not one of"));
        assertTrue(assertThrows(BookstoreException.class, () -> m.render("{{md5(x)}}", "a.sql"))
                .getMessage().startsWith("a.sql: unknown macro {{md5(..)}} (known: date_trunc,"));
        assertTrue(assertThrows(BookstoreException.class, () -> m.render("{{add_days(x)}}", "a.sql"))
                .getMessage().startsWith("a.sql: macro add_days takes 2 arguments, got 1"));
        assertTrue(assertThrows(BookstoreException.class, () -> m.render("{{sha256(x)", "a.sql"))
                .getMessage().startsWith("a.sql: '{{' without a closing '}}'"));
    }
}
