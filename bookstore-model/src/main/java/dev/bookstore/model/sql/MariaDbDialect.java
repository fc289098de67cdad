package dev.bookstore.model.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * MariaDB: no schemas inside a database, so layers are table-name prefixes ({@code raw_orders},
 * {@code marts_fct_orders}) in the connection's database; {@code LOAD DATA LOCAL INFILE} for large bulk loads and
 * multi-row inserts for small ones; {@code GET_LOCK}.
 */
final class MariaDbDialect extends Dialect {
    static final Context CONTEXT = Context.named("mariadb").withProductNames("MariaDB", "MySQL").withIdentifierQuote('`')
            .withLayersAreSchemas(false).withCurrentSchemaFunction("DATABASE()");
    private static final int BATCH = 2_000;
    private static final int ROWS_PER_INSERT = 500;

    private final DialectRuntime runtime = new Runtime(this);

    MariaDbDialect() {
        super(CONTEXT);
    }

    @Override
    public DialectRuntime runtime() {
        return runtime;
    }

    /** MariaDB (also as older drivers report it, "MySQL"), but not MySQL itself: the version must name MariaDB. */
    @Override
    public boolean accepts(String productName, String productVersion) {
        return ("MariaDB".equalsIgnoreCase(productName) || "MySQL".equalsIgnoreCase(productName))
                && productVersion.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    @Override
    public String timestampType() {
        return "DATETIME(6)";
    }

    @Override
    public String longTextType() {
        return "LONGTEXT";
    }

    @Override
    public String tableOptions() {
        return "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";
    }

    @Override
    public String doubleType() {
        return "DOUBLE";
    }

    @Override
    public String dateTrunc(DateUnit unit, String expr) {
        String d = "DATE(" + expr + ")";
        return switch (unit) {
            case DAY -> d;
            case WEEK -> "DATE_SUB(" + d + ", INTERVAL WEEKDAY(" + d + ") DAY)";
            case MONTH -> "DATE_SUB(" + d + ", INTERVAL (DAYOFMONTH(" + d + ") - 1) DAY)";
            case QUARTER -> "DATE_ADD(MAKEDATE(YEAR(" + d + "), 1), INTERVAL (QUARTER(" + d + ") - 1) QUARTER)";
            case YEAR -> "MAKEDATE(YEAR(" + d + "), 1)";
        };
    }

    @Override
    public String addDays(String dateExpr, String daysExpr) {
        return "DATE_ADD(DATE(" + dateExpr + "), INTERVAL (" + daysExpr + ") DAY)";
    }

    @Override
    public String daysBetween(String fromDate, String toDate) {
        return "DATEDIFF(" + toDate + ", " + fromDate + ")";
    }

    @Override
    public String secondsBetween(String from, String to) {
        return "TIMESTAMPDIFF(SECOND, " + from + ", " + to + ")";
    }

    @Override
    public String isoDayOfWeek(String dateExpr) {
        return "(WEEKDAY(" + dateExpr + ") + 1)";
    }

    @Override
    public String hourOf(String timestampExpr) {
        return "HOUR(" + timestampExpr + ")";
    }

    /** MariaDB has {@code PERCENTILE_CONT} only as a window function: one DISTINCT row per partition. */
    @Override
    public String percentiles(String relation, List<String> groupBy, String valueExpr, double... fractions) {
        checkFractions(fractions);
        String over = groupBy.isEmpty() ? "OVER ()" : "OVER (PARTITION BY " + String.join(", ", groupBy) + ")";
        List<String> select = new ArrayList<>(groupBy);
        for (int i = 0; i < fractions.length; i++) {
            select.add("PERCENTILE_CONT(" + fractions[i] + ") WITHIN GROUP (ORDER BY " + valueExpr + ") " + over
                    + " AS p" + i);
        }
        return "SELECT DISTINCT " + String.join(", ", select) + " FROM " + relation + " WHERE " + valueExpr
                + " IS NOT NULL";
    }

    @Override
    public String sha256Hex(String expr) {
        return "SHA2(" + expr + ", 256)";
    }

    /** A multi-table {@code DELETE ... JOIN}: MariaDB runs it as a join instead of a subquery per row. */
    @Override
    public String deleteMatching(TableName target, TableName source, List<String> keyColumns) {
        return "DELETE t FROM " + target.sql() + " t JOIN " + source.sql() + " s ON "
                + keyMatch(keyColumns);
    }

    @Override
    public String updateFrom(TableName target, TableName source, List<String> keyColumns, List<String> columns) {
        return "UPDATE " + target.sql() + " t JOIN " + source.sql() + " s ON " + keyMatch(keyColumns)
                + " SET " + assignments(columns, "t.");
    }

    @Override
    public boolean supportsRoles() {
        return true;
    }

    @Override
    public List<String> createRole(String role) {
        Identifiers.require(role, "role name");
        return List.of("CREATE ROLE IF NOT EXISTS " + role);
    }

    @Override
    public List<String> grantSelect(String role, TableName table) {
        Identifiers.require(role, "role name");
        return List.of("GRANT SELECT ON " + table.sql() + " TO " + role);
    }

    @Override
    public List<String> dropRole(String role) {
        Identifiers.require(role, "role name");
        return List.of("DROP ROLE IF EXISTS " + role);
    }

    /**
     * {@code CONVERT_TZ} needs the server's time zone tables, which are often not loaded (it then gives NULL): the
     * zone's offsets are written into the expression instead (see {@link ZoneShift}).
     */
    @Override
    public String localTimestamp(String utcTimestampExpr, java.time.ZoneId zone) {
        return zoneShift(utcTimestampExpr, zone,
                (ts, seconds) -> "DATE_ADD(" + ts + ", INTERVAL " + seconds + " SECOND)");
    }

    /** Multi-row inserts, {@code LOAD DATA LOCAL INFILE} for large loads, {@code GET_LOCK}. */
    private static final class Runtime extends DialectRuntime {
        Runtime(Dialect dialect) {
            super(dialect);
        }

        @Override
        public BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns)
                throws SQLException {
            return new BatchInsertWriter(connection, table, columns, BATCH, ROWS_PER_INSERT);
        }

        /**
         * {@code LOAD DATA LOCAL INFILE} from a temporary spool file; multi-row inserts when the server
         * ({@code local_infile}) or the driver ({@code allowLocalInfile}) refuses local files.
         */
        @Override
        public BulkWriter largeBulkWriter(Connection connection, TableName table, List<String> columns) {
            return new LoadDataWriter(connection, table, columns, ROWS_PER_INSERT);
        }

        @Override
        public Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait)
                throws SQLException {
            String key = "bookstore_" + lockDigest(scope, name).substring(0, 40);
            return sessionLock(dataSource, key, name, wait, "SELECT GET_LOCK(?, 0)", "SELECT RELEASE_LOCK(?)");
        }
    }
}
