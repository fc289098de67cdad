package dev.bookstore.model.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.UnsupportedDatabaseException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Every non-portable SQL fragment of the dialect layer, checked against values computed in Java. */
class DialectContractTest {
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 12, 30),
            LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 30), LocalDate.of(2025, 3, 31), LocalDate.of(2025, 6, 15),
            LocalDate.of(2025, 10, 26), LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 4));

    @EachDatabase(also = DatabaseKind.TRINO)
    void dateTruncationAndArithmeticMatchJavaTime(Warehouse wh) {
        TableName t = scratchTable(wh, "dates");
        Dialect d = wh.dialect();
        wh.withConnection(c -> {
            exec(c, "CREATE TABLE " + t.sql() + " (d DATE, ts " + d.timestampType() + ")");
            try (BulkWriter w = d.runtime().bulkWriter(c, t, List.of("d", "ts"))) {
                for (LocalDate date : DATES) {
                    w.row(date, date.atTime(23, 30, 15));
                }
                w.finish();
            }
            String sql = "SELECT d, " + d.dateTrunc(DateUnit.DAY, "ts") + ", " + d.dateTrunc(DateUnit.WEEK, "d")
                    + ", " + d.dateTrunc(DateUnit.MONTH, "ts") + ", " + d.dateTrunc(DateUnit.QUARTER, "d") + ", "
                    + d.dateTrunc(DateUnit.YEAR, "d") + ", " + d.addDays("d", "40") + ", " + d.addDays("d", "-1")
                    + ", " + d.daysBetween("DATE '2025-01-01'", "d") + ", " + d.isoDayOfWeek("d") + ", "
                    + d.hourOf("ts") + ", " + d.secondsBetween("ts", d.addDays("d", "1"))
                    + " FROM " + t.sql() + " ORDER BY d";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                for (LocalDate date : DATES) {
                    assertTrue(rs.next());
                    String at = " for " + date + " on " + d.name();
                    assertEquals(date, rs.getObject(1, LocalDate.class));
                    assertEquals(date, rs.getObject(2, LocalDate.class), "day" + at);
                    assertEquals(date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                            rs.getObject(3, LocalDate.class), "week" + at);
                    assertEquals(date.withDayOfMonth(1), rs.getObject(4, LocalDate.class), "month" + at);
                    assertEquals(LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1),
                            rs.getObject(5, LocalDate.class), "quarter" + at);
                    assertEquals(date.withDayOfYear(1), rs.getObject(6, LocalDate.class), "year" + at);
                    assertEquals(date.plusDays(40), rs.getObject(7, LocalDate.class), "+40 days" + at);
                    assertEquals(date.minusDays(1), rs.getObject(8, LocalDate.class), "-1 day" + at);
                    assertEquals(ChronoUnit.DAYS.between(LocalDate.of(2025, 1, 1), date), rs.getLong(9),
                            "days between" + at);
                    assertEquals(date.getDayOfWeek().getValue(), rs.getInt(10), "iso dow" + at);
                    assertEquals(23, rs.getInt(11), "hour" + at);
                    assertEquals(30 * 60 - 15, rs.getLong(12), "seconds between" + at);
                }
                assertFalse(rs.next());
            }
            return null;
        });
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void percentilesMatchLinearInterpolation(Warehouse wh) {
        TableName t = scratchTable(wh, "vals");
        Dialect d = wh.dialect();
        SplittableRandom random = new SplittableRandom(7);
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        wh.withConnection(c -> {
            exec(c, "CREATE TABLE " + t.sql() + " (g VARCHAR(10), v " + d.doubleType() + ")");
            try (BulkWriter w = d.runtime().bulkWriter(c, t, List.of("g", "v"))) {
                for (String g : List.of("a", "b", "c")) {
                    int n = g.equals("c") ? 1 : 50 + random.nextInt(100);
                    for (int i = 0; i < n; i++) {
                        double v = Math.round(random.nextDouble() * 10_000) / 100.0;
                        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(v);
                        w.row(g, v);
                    }
                    w.row(g, null); // NULLs are ignored
                }
                w.finish();
            }
            String sql = d.percentiles(t.sql(), List.of("g"), "v", 0.5, 0.9) + " ORDER BY g";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                for (Map.Entry<String, List<Double>> e : groups.entrySet()) {
                    assertTrue(rs.next());
                    assertEquals(e.getKey(), rs.getString(1));
                    assertEquals(percentile(e.getValue(), 0.5), rs.getDouble(2), 1e-9, "median " + e.getKey());
                    assertEquals(percentile(e.getValue(), 0.9), rs.getDouble(3), 1e-9, "p90 " + e.getKey());
                }
                assertFalse(rs.next());
            }
            List<Double> all = groups.values().stream().flatMap(List::stream).toList();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(d.percentiles(t.sql(), List.of(), "v", 0.25))) {
                assertTrue(rs.next());
                assertEquals(percentile(all, 0.25), rs.getDouble(1), 1e-9);
                assertFalse(rs.next());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    d.percentiles("(SELECT v FROM " + t.sql() + " WHERE g = 'none') e", List.of(), "v", 0.5))) {
                assertFalse(rs.next(), "an empty relation gives no rows");
            }
            return null;
        });
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void aLockExcludesOtherHoldersUntilReleased(Warehouse wh) throws Exception {
        try (WarehouseLock first = wh.lock("pipeline", Duration.ofSeconds(5))) {
            assertEquals("pipeline", first.name());
            // another thread (another connection on server databases) cannot have it
            Optional<WarehouseLock> second = CompletableFuture.supplyAsync(
                    () -> wh.tryLock("pipeline", Duration.ofMillis(300))).get(10, TimeUnit.SECONDS);
            assertTrue(second.isEmpty());
            // a different name is independent
            try (WarehouseLock other = wh.lock("other", Duration.ofSeconds(1))) {
                assertEquals("other", other.name());
            }
        }
        Optional<WarehouseLock> again = CompletableFuture.supplyAsync(
                () -> wh.tryLock("pipeline", Duration.ofSeconds(2))).get(10, TimeUnit.SECONDS);
        assertTrue(again.isPresent());
        again.get().close();
        again.get().close(); // closing twice is harmless
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void anAsofJoinMeetsTheNearestRowStrictlyPastTheInequalityOrNothing(Warehouse wh) {
        Dialect d = wh.dialect();
        if (!d.supportsAsofJoin()) {
            assertThrows(UnsupportedOperationException.class, () -> d.asofLeftJoin("t", "a", "a.k = p.k AND a.t > p.t"));
            return;
        }
        String sql = "SELECT p.k, p.t, a.t FROM (SELECT * FROM (VALUES (1, 10), (1, 20), (1, 35), (2, 5)) v(k, t)) p "
                + d.asofLeftJoin("(SELECT * FROM (VALUES (1, 10), (1, 15), (1, 30), (2, 5), (3, 40)) w(k, t))", "a",
                "a.k = p.k AND a.t > p.t") + " ORDER BY p.k, p.t";
        List<String> rows = new ArrayList<>();
        wh.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + "@" + rs.getInt(2) + "->" + rs.getObject(3));
                }
            }
            return null;
        });
        // 10 meets 15, not the equal 10; 35 and the key-2 row have no later row; key 3 has no left row
        assertEquals(List.of("1@10->15", "1@20->30", "1@35->null", "2@5->null"), rows);
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void quotingAcceptsAnyName(Warehouse wh) {
        TableName t = scratchTable(wh, "quoted");
        Dialect d = wh.dialect();
        String odd = "Order Date \"x\" `y`";
        wh.withConnection(c -> {
            exec(c, "CREATE TABLE " + t.sql() + " (" + d.quote(odd) + " INTEGER)");
            exec(c, "INSERT INTO " + t.sql() + " (" + d.quote(odd) + ") VALUES (42)");
            try (PreparedStatement ps = c.prepareStatement("SELECT " + d.quote(odd) + " FROM " + t.sql());
                 ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
                assertEquals(odd, rs.getMetaData().getColumnLabel(1));
            }
            return null;
        });
    }

    @org.junit.jupiter.api.Test
    void anUnsupportedDatabaseIsNamedInTheError() {
        UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class, () -> Dialect.detect("SQLite", "3.45"));
        assertTrue(e.getMessage().startsWith("SQLite 3.45 is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("DuckDB, PostgreSQL, MariaDB, H2 or Trino"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void identifiersOutsideTheSafeSetAreRejected() {
        for (String bad : List.of("", "Orders", "1abc", "a-b", "a b", "x;drop table y", "order", "select")) {
            assertThrows(dev.bookstore.model.BookstoreException.class, () -> Identifiers.require(bad, "table name"),
                    bad);
        }
        assertEquals("raw_orders_2", Identifiers.require("raw_orders_2", "table name"));
    }

    @org.junit.jupiter.api.Test
    void trinoWritesStatementByStatementWithoutIndexesAndCastsTextForConcat() {
        Dialect trino = Dialect.named("trino").orElseThrow();
        assertTrue(!trino.supportsTransactions() && !trino.supportsIndexes() && !trino.supportsRoles());
        TableName t = new TableName(java.util.Optional.of("marts"), "fct_orders");
        assertEquals(List.of(), trino.createIndex(t, "ix_orders_day", List.of("order_date")));
        assertEquals("CAST(n + 1 AS VARCHAR)", trino.text("n + 1"));
        assertEquals("n + 1", Dialect.named("postgresql").orElseThrow().text("n + 1"));
        assertEquals("CREATE TABLE t (id VARCHAR NOT NULL, v INTEGER)",
                trino.withTableOptions("CREATE TABLE t (id VARCHAR NOT NULL PRIMARY KEY, v INTEGER)"));
        assertEquals("CREATE TABLE t (a VARCHAR, b INTEGER\n)",
                trino.withTableOptions("CREATE TABLE t (a VARCHAR, b INTEGER,\n PRIMARY KEY (a, b)\n)"));
    }

    @org.junit.jupiter.api.Test
    void trinoPartitionsAndSortsWhereOthersIndex() {
        TableName t = new TableName(java.util.Optional.of("marts"), "fct_orders");
        Dialect trino = Dialect.named("trino").orElseThrow();
        assertEquals(List.of("ALTER TABLE marts.fct_orders SET PROPERTIES partitioning = ARRAY['month(order_date)'], "
                + "sorted_by = ARRAY['customer_id']"), trino.layoutTable(t, List.of("month(order_date)"),
                List.of("customer_id")));
        assertEquals(List.of("ALTER TABLE marts.fct_orders SET PROPERTIES sorted_by = ARRAY['customer_id', 'line_no']"),
                trino.layoutTable(t, List.of(), List.of("customer_id", "line_no")));
        assertEquals(List.of(), trino.layoutTable(t, List.of(), List.of()));
        for (String n : List.of("duckdb", "postgresql", "mariadb", "h2")) {
            assertEquals(List.of(), Dialect.named(n).orElseThrow().layoutTable(t, List.of("month(order_date)"),
                    List.of("customer_id")), n + " indexes instead");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trino.layoutTable(t, List.of("week(order_date)"), List.of()));
        assertEquals("partition 'week(order_date)' should be a column or year(column), month(column) or day(column)",
                e.getMessage());
        assertThrows(dev.bookstore.model.BookstoreException.class,
                () -> trino.layoutTable(t, List.of("month(select)"), List.of()));
    }

    @org.junit.jupiter.api.Test
    void dialectsAreFoundByName() {
        for (String n : List.of("duckdb", "postgresql", "mariadb", "h2", "trino")) {
            assertEquals(n, Dialect.named(n).orElseThrow().name());
        }
        assertTrue(Dialect.named("oracle").isEmpty());
    }

    /** Linear interpolation between closest ranks (PERCENTILE_CONT), computed independently. */
    static double percentile(List<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = p * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    private static TableName scratchTable(Warehouse wh, String name) {
        TableName t = wh.table(Layer.META, "scratch_" + name);
        wh.withConnection(c -> {
            for (String s : wh.dialect().createSchemaFor(t)) {
                exec(c, s);
            }
            exec(c, "DROP TABLE IF EXISTS " + t.sql());
            return null;
        });
        return t;
    }

    private static void exec(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
