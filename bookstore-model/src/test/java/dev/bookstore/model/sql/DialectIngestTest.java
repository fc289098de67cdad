package dev.bookstore.model.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What ingest (bookstore-etl) needs of a dialect: the large bulk writer, on every database. */
class DialectIngestTest {

    @EachDatabase
    void theLargeBulkWriterKeepsEveryValueAndHonoursTheTransaction(Warehouse wh) {
        wh.init();
        TableName t = wh.table(Layer.META, "ingest_writer_test");
        Dialect d = wh.dialect();
        String text = "comma, \"quote\"\r\nnew line ✓ 北京";
        wh.withConnection(c -> {
            exec(c, "DROP TABLE IF EXISTS " + t.sql());
            exec(c, wh.render("CREATE TABLE " + t.sql() + " (id BIGINT, s VARCHAR(100), n INTEGER, "
                    + "m ${type:money}, d DATE, ts ${type:timestamp})"));
            c.setAutoCommit(false);
            try (BulkWriter w = d.runtime().largeBulkWriter(c, t, List.of("id", "s", "n", "m", "d", "ts"))) {
                w.row(1L, text, 7, new BigDecimal("-12.50"), LocalDate.of(2025, 3, 30),
                        Instant.parse("2025-03-30T23:30:05Z"));
                w.row(2L, "", null, Optional.empty(), Optional.of(LocalDate.of(2024, 2, 29)), null);
                w.row(3L, null, Optional.of(0), BigDecimal.ZERO, null, Optional.empty());
                assertEquals(3, w.finish());
            }
            c.commit();
            // rows written by a transaction that is rolled back are not kept
            try (BulkWriter w = d.runtime().largeBulkWriter(c, t, List.of("id", "s"))) {
                w.row(4L, "gone");
                w.finish();
            }
            c.rollback();
            c.setAutoCommit(true);
            List<List<String>> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, s, n, m, d, ts FROM " + t.sql() + " ORDER BY id")) {
                while (rs.next()) {
                    rows.add(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getBigDecimal(4) == null ? null : rs.getBigDecimal(4).toPlainString(),
                            rs.getObject(5, LocalDate.class) == null ? null : rs.getObject(5, LocalDate.class)
                                    .toString(),
                            rs.getObject(6, java.time.LocalDateTime.class) == null ? null
                                    : rs.getObject(6, java.time.LocalDateTime.class).toString()));
                }
            }
            assertEquals(List.of(
                    Arrays.asList("1", text, "7", "-12.50", "2025-03-30", "2025-03-30T23:30:05"),
                    Arrays.asList("2", "", null, null, "2024-02-29", null),
                    Arrays.asList("3", null, "0", "0.00", null, null)), rows);
            exec(c, "DROP TABLE " + t.sql());
            return null;
        });
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void aScratchTableIsCreatedFilledReadAndDroppedOnOneConnection(Warehouse wh) {
        wh.init();
        Dialect d = wh.dialect();
        TableName source = wh.table(Layer.META, "load_log");
        TableName scratch = d.scratchTable(wh.table(Layer.META, "ingest_scratch_test"));
        wh.withConnection(c -> {
            exec(c, "DROP TABLE IF EXISTS " + scratch.sql());
            exec(c, d.createScratchTable(scratch, "SELECT source_kind, rows_read FROM " + source.sql() + " WHERE 1 = 0"));
            exec(c, "ALTER TABLE " + scratch.sql() + " ADD COLUMN stage_row BIGINT");
            c.setAutoCommit(false);
            try (BulkWriter w = d.runtime().largeBulkWriter(c, scratch, List.of("source_kind", "rows_read", "stage_row"))) {
                for (long i = 1; i <= 1_000; i++) {
                    w.row("orders", i, i);
                }
                w.finish();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(rows_read) FROM " + scratch.sql())) {
                rs.next();
                assertEquals(List.of(1_000L, 500_500L), List.of(rs.getLong(1), rs.getLong(2)));
            }
            c.commit();
            c.setAutoCommit(true);
            exec(c, "DROP TABLE " + scratch.sql());
            return null;
        });
    }

    /** Texts that break naive CSV or tab-separated writers, and the 4-byte UTF-8 that MariaDB's utf8 cannot hold. */
    private static final List<String> TRICKY = List.of("", " ", "plain", "tab\there", "line\nbreak", "cr\rlf\r\n",
            "back\\slash", "\\N", "NULL", "\\", "ends with backslash\\", "\"quoted\"", "'single'", "a,b;c|d",
            "\\t not a tab", "ünïcödé 北京 ✓", "emoji 😀 𝄞", "\"\t\\\n'");

    @EachDatabase(also = DatabaseKind.TRINO)
    void bothBulkWritersKeepTrickyTextsAndNullApart(Warehouse wh) {
        wh.init();
        TableName t = wh.table(Layer.META, "ingest_tricky_test");
        Dialect d = wh.dialect();
        wh.withConnection(c -> {
            for (boolean large : List.of(true, false)) {
                exec(c, "DROP TABLE IF EXISTS " + t.sql());
                exec(c, "CREATE TABLE " + t.sql() + " (id BIGINT, s VARCHAR(100), flag BOOLEAN)");
                c.setAutoCommit(false);
                try (BulkWriter w = large ? d.runtime().largeBulkWriter(c, t, List.of("id", "s", "flag"))
                        : d.runtime().bulkWriter(c, t, List.of("id", "s", "flag"))) {
                    for (int i = 0; i < TRICKY.size(); i++) {
                        w.row((long) i, TRICKY.get(i), i % 2 == 0);
                    }
                    w.row((long) TRICKY.size(), null, null);
                    assertEquals(TRICKY.size() + 1, w.finish());
                }
                c.commit();
                c.setAutoCommit(true);
                List<String> expected = new ArrayList<>(TRICKY);
                expected.add(null);
                List<String> texts = new ArrayList<>();
                List<Boolean> flags = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT s, flag FROM " + t.sql() + " ORDER BY id")) {
                    while (rs.next()) {
                        texts.add(rs.getString(1));
                        boolean flag = rs.getBoolean(2);
                        flags.add(rs.wasNull() ? null : flag);
                    }
                }
                assertEquals(expected, texts, large ? "large bulk writer" : "bulk writer");
                for (int i = 0; i < TRICKY.size(); i++) {
                    assertEquals(i % 2 == 0, flags.get(i), "flag of row " + i);
                }
                assertEquals(null, flags.get(TRICKY.size()));
            }
            exec(c, "DROP TABLE " + t.sql());
            return null;
        });
    }

    /** MariaDB: LOAD DATA LOCAL INFILE when allowed, multi-row inserts (same values) when the driver refuses it. */
    @EachDatabase(DatabaseKind.MARIADB)
    void mariaDbLoadsLocalFilesAndFallsBackToInsertsWhenTheDriverRefusesThem(TestDatabase db) throws SQLException {
        Warehouse wh = db.warehouse();
        wh.init();
        TableName t = wh.table(Layer.META, "ingest_infile_test");
        try (Warehouse refusing = Warehouse.connect(db.url() + "&allowLocalInfile=false",
                WarehouseConfig.defaults().withNamespace(db.namespace()))) {
            // the server's local_infile setting decides for the default connection (it is ON by default)
            boolean serverAllows = wh.withConnection(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@local_infile")) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            });
            for (Warehouse w : List.of(wh, refusing)) {
                boolean expectLocalInfile = w == wh && serverAllows;
                w.withConnection(c -> {
                    exec(c, "DROP TABLE IF EXISTS " + t.sql());
                    exec(c, "CREATE TABLE " + t.sql() + " (id BIGINT, s VARCHAR(100))");
                    c.setAutoCommit(false);
                    try (BulkWriter writer = w.dialect().runtime().largeBulkWriter(c, t, List.of("id", "s"))) {
                        for (long i = 0; i < 1_234; i++) {
                            writer.row(i, TRICKY.get((int) (i % TRICKY.size())));
                        }
                        assertEquals(expectLocalInfile, ((LoadDataWriter) writer).usesLocalInfile());
                        assertEquals(1_234, writer.finish());
                    }
                    c.commit();
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT id, s FROM " + t.sql() + " ORDER BY id")) {
                        long n = 0;
                        while (rs.next()) {
                            assertEquals(n, rs.getLong(1));
                            assertEquals(TRICKY.get((int) (n % TRICKY.size())), rs.getString(2), "row " + n);
                            n++;
                        }
                        assertEquals(1_234, n);
                    }
                    exec(c, "DROP TABLE " + t.sql());
                    return null;
                });
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
