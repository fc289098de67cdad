package dev.bookstore.model.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** The dialect fragments the metrics need ({@link Dialect#localTimestamp}), checked against java.time. */
class DialectMetricsTest {
    /** Around both 2025 DST changes in London, a 23:30 UTC instant in summer and winter, and far years. */
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2025-03-30T00:59:59Z"), Instant.parse("2025-03-30T01:00:00Z"),
            Instant.parse("2025-06-30T23:30:00Z"), Instant.parse("2025-10-26T00:59:59Z"),
            Instant.parse("2025-10-26T01:00:00Z"), Instant.parse("2025-12-31T23:30:00Z"),
            Instant.parse("1999-07-01T12:00:00Z"), Instant.parse("2080-08-01T22:15:30Z"));

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/London"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"));

    @EachDatabase(also = DatabaseKind.TRINO)
    void localTimestampMatchesJavaTimeWhateverTheSessionZone(Warehouse wh) {
        TableName t = wh.table(Layer.META, "scratch_instants");
        Dialect d = wh.dialect();
        wh.withConnection(c -> {
            for (String s : d.createSchemaFor(t)) {
                exec(c, s);
            }
            exec(c, "DROP TABLE IF EXISTS " + t.sql());
            exec(c, "CREATE TABLE " + t.sql() + " (n INTEGER, ts " + d.timestampType() + ")");
            try (BulkWriter w = d.runtime().bulkWriter(c, t, List.of("n", "ts"))) {
                for (int i = 0; i < INSTANTS.size(); i++) {
                    w.row(i, LocalDateTime.ofInstant(INSTANTS.get(i), ZoneOffset.UTC));
                }
                w.finish();
            }
            for (ZoneId zone : ZONES) {
                String local = d.localTimestamp("ts", zone);
                String sql = "SELECT n, " + local + ", " + d.hourOf(local) + ", " + d.dateTrunc(DateUnit.DAY, local)
                        + " FROM " + t.sql() + " ORDER BY n";
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    for (Instant instant : INSTANTS) {
                        assertTrue(rs.next());
                        LocalDateTime expected = LocalDateTime.ofInstant(instant, zone);
                        String at = instant + " in " + zone + " on " + d.name();
                        assertEquals(expected, rs.getObject(2, LocalDateTime.class), at);
                        assertEquals(expected.getHour(), rs.getInt(3), "hour of " + at);
                        assertEquals(expected.toLocalDate(), rs.getObject(4, java.time.LocalDate.class),
                                "day of " + at);
                    }
                    assertFalse(rs.next());
                }
            }
            exec(c, "DROP TABLE " + t.sql());
            return null;
        });
    }

    private static void exec(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
