package dev.bookstore.model.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** DuckDB, the embedded default: schemas per layer, no secondary indexes, the Appender for bulk loads, a file lock. */
final class DuckDbDialect extends Dialect {
    static final Context CONTEXT = Context.named("duckdb").withProductNames("DuckDB");

    private final DialectRuntime runtime = new Runtime(this);

    DuckDbDialect() {
        super(CONTEXT);
    }

    @Override
    public DialectRuntime runtime() {
        return runtime;
    }

    /** DuckDB's {@code ASOF LEFT JOIN} (a sort-merge join on the equalities and the inequality). */
    @Override
    public boolean supportsAsofJoin() {
        return true;
    }

    @Override
    public String asofLeftJoin(String relation, String alias, String on) {
        return "ASOF LEFT JOIN " + relation + " " + alias + " ON " + on;
    }

    /** DuckDB joins with hash tables and keeps no secondary indexes worth having for that. */
    @Override
    public boolean supportsIndexes() {
        return false;
    }

    @Override
    public String longTextType() {
        return "VARCHAR";
    }

    @Override
    public String doubleType() {
        return "DOUBLE";
    }

    @Override
    public String addDays(String dateExpr, String daysExpr) {
        return "CAST(CAST(" + dateExpr + " AS DATE) + CAST(" + daysExpr + " AS INTEGER) AS DATE)";
    }

    @Override
    public String daysBetween(String fromDate, String toDate) {
        return "date_diff('day', CAST(" + fromDate + " AS DATE), CAST(" + toDate + " AS DATE))";
    }

    @Override
    public String secondsBetween(String from, String to) {
        return "(epoch(" + to + ") - epoch(" + from + "))";
    }

    @Override
    public String isoDayOfWeek(String dateExpr) {
        return "isodow(" + dateExpr + ")";
    }

    @Override
    public String sha256Hex(String expr) {
        return "sha256(" + expr + ")";
    }

    /** The connection's {@code temp} catalog: kept in memory (spilled when large), never written to the file. */
    @Override
    public TableName scratchTable(TableName table) {
        return new TableName(Optional.of("temp"), table.schema().map(s -> s + "_").orElse("") + table.name());
    }

    @Override
    public String createScratchTable(TableName scratch, String selectSql) {
        return "CREATE TEMP TABLE " + scratch.name() + " AS " + selectSql;
    }

    /** ICU's zone rules, which DuckDB's JDBC driver bundles: UTC in, the zone's wall-clock time out. */
    @Override
    public String localTimestamp(String utcTimestampExpr, ZoneId zone) {
        return "CAST(timezone(" + zoneLiteral(zone) + ", timezone('UTC', CAST(" + utcTimestampExpr
                + " AS TIMESTAMP))) AS TIMESTAMP)";
    }

    /** The Appender, a spooled CSV with {@code COPY} for large loads, a file lock. */
    private static final class Runtime extends DialectRuntime {
        Runtime(Dialect dialect) {
            super(dialect);
        }

        @Override
        public BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns)
                throws SQLException {
            return new AppenderWriter(connection, table, columns, columnsOf(connection, table));
        }

        /** A temporary CSV file and DuckDB's parallel {@code COPY}: several times faster than the Appender. */
        @Override
        public BulkWriter largeBulkWriter(Connection connection, TableName table, List<String> columns) {
            return new SpoolingCopyWriter(connection, table, columns);
        }

        @Override
        public Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait) {
            return fileLock(scope, name, wait);
        }

        /** DuckDB's driver sets no SQLSTATE: its catalog errors say "Table with name x does not exist". */
        @Override
        public boolean isMissingRelation(SQLException error) {
            return causes(error).map(Throwable::getMessage).anyMatch(m -> m != null && m.contains("Catalog Error")
                    && m.contains("does not exist")) || super.isMissingRelation(error);
        }

        private static List<String> columnsOf(Connection c, TableName table) throws SQLException {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
                ps.setString(1, table.schema().orElse("main"));
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            if (names.isEmpty()) {
                throw new SQLException("table " + table + " does not exist");
            }
            return names;
        }
    }
}
