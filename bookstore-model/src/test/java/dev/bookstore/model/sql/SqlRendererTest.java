package dev.bookstore.model.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The one template language: every built-in macro evaluated on each database against java.time, fragments and
 * module macros, placeholders, the loader's comment stripping and cache, and the messages of mistakes.
 */
class SqlRendererTest {
    /** Days around month, quarter, year and ISO-week boundaries, a leap day and a Sunday. */
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2024, 2, 29),
            LocalDate.of(2025, 3, 31), LocalDate.of(2025, 6, 15), LocalDate.of(2025, 12, 28),
            LocalDate.of(2026, 1, 4));

    @EachDatabase
    void dateMacrosMatchJavaTime(Warehouse wh) {
        String sql = "SELECT {{date_trunc(day, CAST(:d AS DATE))}}, {{date_trunc(week, CAST(:d AS DATE))}}, "
                + "{{date_trunc('month', CAST(:d AS DATE))}}, {{date_trunc(QUARTER, CAST(:d AS DATE))}}, "
                + "{{date_trunc({{grain}}, CAST(:d AS DATE))}}, {{add_days(CAST(:d AS DATE), -40)}}, "
                + "{{add_days({{date_trunc(month, CAST(:d AS DATE))}}, :n)}}, "
                + "{{days_between(CAST(:d AS DATE), CAST(:e AS DATE))}}, {{iso_day_of_week(CAST(:d AS DATE))}}, "
                + "{{month_index(CAST(:d AS DATE))}}";
        for (LocalDate d : DAYS) {
            LocalDate e = d.plusDays(400);
            List<Object> row = wh.withHandle(h -> h.createQuery(sql).define("grain", "YEAR")
                    .bind("d", d).bind("e", e).bind("n", 3)
                    .map((rs, ctx) -> List.<Object>of(rs.getObject(1, LocalDate.class),
                            rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                            rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getLong(8),
                            rs.getLong(9), rs.getLong(10)))
                    .one());
            LocalDate month = d.withDayOfMonth(1);
            assertEquals(List.of(d, d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), month,
                    d.with(IsoFields.DAY_OF_QUARTER, 1), d.withDayOfYear(1), d.minusDays(40), month.plusDays(3),
                    ChronoUnit.DAYS.between(d, e), (long) d.getDayOfWeek().getValue(),
                    d.getYear() * 12L + d.getMonthValue()), row, d + " on " + wh.dialect().name());
        }
    }

    @EachDatabase
    void timeAndHashMacrosMatchJava(Warehouse wh) throws Exception {
        LocalDateTime at = LocalDateTime.of(2025, 6, 30, 23, 30, 15);
        LocalDateTime later = at.plusHours(2).plusSeconds(7);
        String sql = "SELECT {{hour_of(CAST(:at AS ${type:timestamp}))}}, "
                + "{{seconds_between(CAST(:at AS ${type:timestamp}), CAST(:later AS ${type:timestamp}))}}, "
                + "{{local_time(CAST(:at AS ${type:timestamp}))}}, {{sha256('bookstore, ''quoted''')}}";
        List<Object> row = wh.withHandle(h -> h.createQuery(sql).bind("at", at).bind("later", later)
                .map((rs, ctx) -> List.<Object>of(rs.getLong(1), rs.getLong(2),
                        rs.getObject(3, LocalDateTime.class), rs.getString(4)))
                .one());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("bookstore, 'quoted'".getBytes(StandardCharsets.UTF_8)));
        LocalDateTime local = at.atOffset(ZoneOffset.UTC).atZoneSameInstant(wh.calendar().zone()).toLocalDateTime();
        assertEquals(List.of(23L, Duration.between(at, later).toSeconds(), local, sha), row, wh.dialect().name());
    }

    @EachDatabase
    void fragmentsModuleMacrosAndPlaceholdersRender(Warehouse wh) {
        TableName t = wh.table(Layer.META, "renderer_check");
        SqlMacro twice = SqlMacro.of("twice", 1, args -> "(2 * (" + args.get(0) + "))");
        wh.withHandle(h -> {
            for (String s : wh.dialect().createSchemaFor(t)) {
                h.execute(s);
            }
            h.execute("DROP TABLE IF EXISTS ${meta:renderer_check}");
            h.execute(wh.dialect().withTableOptions(
                    "CREATE TABLE ${meta:renderer_check} (id INTEGER, amount ${type:money}, note ${type:text})"));
            for (int i = 1; i <= 5; i++) {
                h.createUpdate("INSERT INTO ${meta:renderer_check} (id, amount, note) VALUES (:id, :amount, :note)")
                        .bind("id", i).bind("amount", new BigDecimal(i + ".25")).bind("note", "n" + i).execute();
            }
            return null;
        });
        assertEquals("SELECT id FROM " + t.sql(), wh.render("SELECT id FROM ${meta:renderer_check}"));
        String sql = "SELECT id, {{twice(amount)}} FROM ${meta:renderer_check} WHERE id >= :min ORDER BY {{rank_by}}";
        List<String> viaJdbi = wh.withHandle(h -> h.createQuery(sql).define("twice", twice)
                .define("rank_by", "amount DESC").bind("min", 3)
                .map((rs, ctx) -> rs.getInt(1) + "=" + rs.getBigDecimal(2).setScale(2)).list());
        assertEquals(List.of("5=10.50", "4=8.50", "3=6.50"), viaJdbi, wh.dialect().name());
        String rendered = wh.render(sql, Map.of("twice", twice, "rank_by", "id"));
        assertEquals("SELECT id, (2 * (amount)) FROM " + t.sql() + " WHERE id >= :min ORDER BY id", rendered);
        wh.withHandle(h -> h.execute("DROP TABLE ${meta:renderer_check}"));
    }

    @EachDatabase
    void theLoaderStripsCommentsCachesAndTheStatementRuns(Warehouse wh) {
        String sql = SqlResources.load(SqlRendererTest.class, "renderer_check");
        assertSame(sql, SqlResources.load(SqlRendererTest.class, "renderer_check.sql"), "cached");
        assertFalse(sql.contains("header") || sql.contains("trailing") || sql.contains("block"), sql);
        assertTrue(sql.startsWith("SELECT '-- kept' AS quoted,"), sql);
        String raw = SqlResources.loadRaw(SqlRendererTest.class, "renderer_check");
        assertTrue(raw.startsWith("-- renderer_check: a header"), raw);
        assertSame(raw, SqlResources.loadRaw(SqlRendererTest.class, "renderer_check"));
        LocalDate d = LocalDate.of(2025, 12, 30);
        List<Object> row = wh.withHandle((Handle h) -> h.createQuery(sql).bind("d", d).bind("n", 5)
                .map((rs, ctx) -> List.<Object>of(rs.getString(1), rs.getObject(2, LocalDate.class))).one());
        assertEquals(List.of("-- kept", d.plusDays(5)), row, wh.dialect().name());
    }

    @Test
    void aMissingResourceNamesItsPath() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SqlResources.load(SqlRendererTest.class, "nope"));
        assertEquals("SQL resource dev/bookstore/model/sql/nope.sql is missing from the class path", e.getMessage());
    }

    @Test
    void eachDialectRendersTheSameVocabulary() {
        for (Dialect d : Dialect.available()) {
            SqlRenderer r = SqlRenderer.of(d, (layer, name) -> new TableName(java.util.Optional.empty(),
                    layer.word() + "_" + name), java.time.ZoneId.of("Europe/London"));
            assertEquals("SELECT " + d.addDays(d.dateTrunc(DateUnit.MONTH, "d"), "-1") + ", "
                    + d.hourOf(d.localTimestamp("ts", java.time.ZoneId.of("Europe/London"))) + " FROM marts_t",
                    r.render("SELECT {{add_days({{date_trunc(month, d)}}, -1)}}, {{ hour_of( {{local_time(ts)}} ) }}"
                            + " FROM ${marts:t}"), d.name());
            assertEquals(d.sha256Hex("x") + d.isoDayOfWeek("y") + d.daysBetween("a", "f(b, c)")
                    + d.secondsBetween("s", "t") + d.text("n + 1") + d.timestampType() + d.moneyType(),
                    r.render("{{sha256(x)}}{{iso_day_of_week(y)}}{{days_between(a, f(b, c))}}"
                            + "{{seconds_between(s,t)}}{{text(n + 1)}}${type:timestamp}${type:money}"), d.name());
            assertEquals(d.dateTrunc(DateUnit.WEEK, "d") + " LIMIT 10", r.render("{{date_trunc({{unit}}, d)}} LIMIT {{n}}",
                    Map.of("unit", DateUnit.WEEK, "n", 10)), "enum and number defines on " + d.name());
        }
    }

    @Test
    void argumentsSplitOutsideParenthesesAndQuotes() {
        assertEquals(List.of("CONCAT(a, ',', b)", "'x, y'", "f(1, (2, 3))"),
                SqlTemplate.splitArguments("CONCAT(a, ',', b), 'x, y', f(1, (2, 3))"));
        assertEquals(List.of(), SqlTemplate.splitArguments(""));
    }

    @Test
    void mistakesSayWhatIsValid() {
        SqlRenderer r = SqlRenderer.of(Dialect.named("duckdb").orElseThrow(),
                (layer, name) -> new TableName(java.util.Optional.empty(), name), java.time.ZoneId.of("UTC"));
        assertEquals("unknown macro {{md5(..)}} (known: add_days, date_trunc, days_between, hour_of, "
                + "iso_day_of_week, local_time, month_index, seconds_between, sha256, text, twice)", message(() ->
                r.render("{{md5(x)}}", Map.of("twice", SqlMacro.of("twice", 1, a -> a.get(0)), "grain", "DAY"))));
        assertEquals("macro add_days takes 2 arguments, got 1: [x]", message(() -> r.render("{{add_days(x)}}")));
        assertEquals("date_trunc unit 'fortnight' is not one of day, week, month, quarter, year",
                message(() -> r.render("{{date_trunc(fortnight, d)}}")));
        assertEquals("SQL fragment {{rank_by}} was not given (defined: grain)",
                message(() -> r.render("ORDER BY {{rank_by}}", Map.of("grain", "DAY"))));
        assertEquals("'{{' without a closing '}}' at offset 7 of SQL template: SELECT {{sha256(x) FROM t",
                message(() -> r.render("SELECT {{sha256(x) FROM t")));
        assertEquals("'}}' without an opening '{{' at offset 8 of SQL template: SELECT x}} FROM t",
                message(() -> r.render("SELECT x}} FROM t")));
        assertEquals("unknown placeholder ${rare:orders} (known: ${raw:..}, ${staging:..}, ${intermediate:..}, "
                + "${marts:..}, ${meta:..}, ${type:..})", message(() -> r.render("${rare:orders}")));
        assertEquals("unknown type placeholder ${type:blob} (known: timestamp, text, double, money)",
                message(() -> r.render("${type:blob}")));
        assertEquals("SELECT 1 WHERE a <= b", r.render("SELECT 1 WHERE a <= b"), "plain SQL is left alone");
    }

    @EachDatabase
    void jdbiStatementsReportTemplateMistakes(Warehouse wh) {
        Exception e = assertThrows(Exception.class, () -> wh.withHandle(h -> h.createQuery("SELECT {{md5(x)}}")
                .mapTo(String.class).one()));
        Throwable cause = e;
        while (!(cause instanceof BookstoreException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().startsWith("unknown macro {{md5(..)}} (known: add_days,"), e.toString());
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(BookstoreException.class, call).getMessage();
    }
}
