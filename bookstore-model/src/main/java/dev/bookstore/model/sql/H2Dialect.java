package dev.bookstore.model.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** H2 (embedded, used in-memory for tests): schemas per layer, batched inserts, a file lock. */
final class H2Dialect extends Dialect {
    static final Context CONTEXT = Context.named("h2").withProductNames("H2");
    private static final int BATCH = 5_000;

    private final DialectRuntime runtime = new Runtime(this);

    H2Dialect() {
        super(CONTEXT);
    }

    @Override
    public DialectRuntime runtime() {
        return runtime;
    }

    @Override
    public String longTextType() {
        return "CHARACTER VARYING(1000000000)";
    }

    @Override
    public String dateTrunc(DateUnit unit, String expr) {
        if (unit == DateUnit.WEEK) {
            // H2's DATE_TRUNC('WEEK') follows the locale's first day; ISO weeks start on Monday.
            return "DATEADD(DAY, 1 - ISO_DAY_OF_WEEK(CAST(" + expr + " AS DATE)), CAST(" + expr + " AS DATE))";
        }
        return "CAST(DATE_TRUNC('" + unit.name() + "', " + expr + ") AS DATE)";
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
    public String sha256Hex(String expr) {
        return "LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(" + expr + "))))";
    }

    /** H2 has no {@code UPDATE ... FROM}; {@code MERGE ... USING} does the same. */
    @Override
    public String updateFrom(TableName target, TableName source, List<String> keyColumns, List<String> columns) {
        return "MERGE INTO " + target.sql() + " t USING " + source.sql() + " s ON (" + keyMatch(keyColumns)
                + ") WHEN MATCHED THEN UPDATE SET " + assignments(columns, "");
    }

    /**
     * H2 converts a timestamp without time zone through the session's (JVM's) zone, so the zone's offsets are
     * written into the expression instead (see {@link ZoneShift}).
     */
    @Override
    public String localTimestamp(String utcTimestampExpr, java.time.ZoneId zone) {
        return zoneShift(utcTimestampExpr, zone,
                (ts, seconds) -> "DATEADD(SECOND, " + seconds + ", " + ts + ")");
    }

    /** Batched inserts, a file lock. */
    private static final class Runtime extends DialectRuntime {
        Runtime(Dialect dialect) {
            super(dialect);
        }

        @Override
        public BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns)
                throws SQLException {
            return new BatchInsertWriter(connection, table, columns, BATCH);
        }

        @Override
        public Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait) {
            return fileLock(scope, name, wait);
        }

        /** H2's error codes: table or view not found (42102, 42103), schema not found (90079). */
        @Override
        public boolean isMissingRelation(SQLException error) {
            return causes(error).anyMatch(t -> t instanceof SQLException s && (s.getErrorCode() == 42102
                    || s.getErrorCode() == 42103 || s.getErrorCode() == 90079)) || super.isMissingRelation(error);
        }
    }
}
