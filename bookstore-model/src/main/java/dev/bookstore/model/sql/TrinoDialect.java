package dev.bookstore.model.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Trino, the distributed engine: the warehouse lives in the catalog and schema named in the URL
 * ({@code jdbc:trino://host:8080/iceberg/bookstore}), each layer a schema of that catalog. Written for the Iceberg
 * connector (row-level {@code DELETE}, {@code UPDATE} and {@code MERGE}; views); what Trino lacks is handled here:
 *
 * <ul>
 *   <li><b>Transactions.</b> Iceberg (like most Trino connectors) writes only in auto-commit mode, so
 *       the runtime's {@link DialectRuntime#connections connections} stay in auto-commit: a "transaction" runs statement by statement and
 *       {@code rollback()} cannot undo. The pipeline stays consistent because its steps are idempotent (a load is
 *       recorded in the load log last, so a re-run of a failed load repairs it; models are rebuilt or merged by
 *       key). {@link #supportsTransactions()} is false.</li>
 *   <li><b>Constraints and indexes.</b> No primary keys, unique constraints or indexes: {@link #withTableOptions}
 *       drops {@code PRIMARY KEY} clauses (the writers already de-duplicate by key), {@link #supportsIndexes()} is
 *       false, so {@link #createIndex} creates nothing; {@link #layoutTable} partitions a model's table by its
 *       declared {@code partition} (e.g. {@code month(order_date)}) and sorts it by its first declared index
 *       instead, as the seed's BigQuery tables are partitioned by day and clustered by customer; and
 *       {@link #updateFrom} is a {@code MERGE}.</li>
 *   <li><b>Locks.</b> No advisory locks: {@link TrinoLeaseLock}, a lock table with leases that expire.</li>
 *   <li><b>Bulk load.</b> No {@code COPY}: {@link TrinoJsonInsertWriter}, one {@code INSERT ... SELECT} per chunk
 *       of rows bound as a single JSON text (each insert is one Iceberg commit, and a multi-row {@code VALUES} of
 *       thousands of literals takes Trino seconds to plan).</li>
 *   <li><b>Percentiles.</b> Exact, by ranking ({@link #percentiles}), so that results equal DuckDB's and
 *       PostgreSQL's {@code PERCENTILE_CONT}; {@code approx_percentile} would be cheaper on very large groups but
 *       gives slightly different medians, which metrics and tests compare across databases.</li>
 *   <li><b>Identifier case.</b> Trino stores every table and column name in lower case, quoted or not (so
 *       {@code "Order Date"} and {@code "order date"} are one column); result labels keep the case the query wrote.
 *       The warehouse's own names are lower case already.</li>
 *   <li><b>Text.</b> {@code CONCAT} takes text only: {@link #text} casts to {@code VARCHAR} ({@code {{text(x)}}}
 *       in templates).</li>
 *   <li><b>Roles.</b> Access to catalogs is the cluster's access control: {@link #supportsRoles()} is false.</li>
 *   <li><b>Time zones.</b> Trino's own zone rules ({@code with_timezone}, {@code AT TIME ZONE}); timestamps are
 *       {@code TIMESTAMP(6)} holding UTC, never the session's zone.</li>
 * </ul>
 *
 * <pre>{@code
 * Warehouse wh = Warehouse.connect("jdbc:trino://127.0.0.1:18080/iceberg/bookstore?user=bookstore");
 * wh.dialect().name();                  // "trino"
 * }</pre>
 */
final class TrinoDialect extends Dialect {
    static final Context CONTEXT = Context.named("trino").withProductNames("Trino")
            .withCurrentSchemaFunction("current_schema");
    private static final Pattern INLINE_PRIMARY_KEY = Pattern.compile("(?i)\\s+PRIMARY\\s+KEY(?=\\s*[,\\n)])");
    private static final Pattern MISSING = Pattern.compile("(Table|Schema|View) '[^']*' does not exist");
    private static final Pattern TABLE_PRIMARY_KEY = Pattern.compile("(?i),\\s*PRIMARY\\s+KEY\\s*\\([^)]*\\)");

    private final DialectRuntime runtime = new Runtime(this);

    TrinoDialect() {
        super(CONTEXT);
    }

    @Override
    public DialectRuntime runtime() {
        return runtime;
    }

    // ---------------------------------------------------------------- capability flags

    /** Iceberg writes only in auto-commit mode: transactional work runs statement by statement. */
    @Override
    public boolean supportsTransactions() {
        return false;
    }

    /** Trino has no indexes; Iceberg prunes by partition and file statistics instead. */
    @Override
    public boolean supportsIndexes() {
        return false;
    }

    // ---------------------------------------------------------------- types and tables

    @Override
    public String timestampType() {
        return "TIMESTAMP(6)";
    }

    @Override
    public String longTextType() {
        return "VARCHAR";
    }

    @Override
    public String doubleType() {
        return "DOUBLE";
    }

    /** Without {@code PRIMARY KEY} clauses, which Trino's {@code CREATE TABLE} does not accept. */
    @Override
    public String withTableOptions(String createTableSql) {
        String withoutTableKey = TABLE_PRIMARY_KEY.matcher(createTableSql).replaceAll("");
        return INLINE_PRIMARY_KEY.matcher(withoutTableKey).replaceAll("");
    }

    // ---------------------------------------------------------------- statements

    /**
     * Iceberg's table properties in place of indexes: {@code partitioning} (so that a date range reads only its
     * months' files) and {@code sorted_by} (so that a customer's rows cluster within each file and min/max statistics
     * skip the rest), set on the empty table, so every write after it follows them.
     */
    @Override
    public List<String> layoutTable(TableName table, List<String> partitionBy, List<String> sortedBy) {
        super.layoutTable(table, partitionBy, sortedBy);
        List<String> properties = new ArrayList<>();
        if (!partitionBy.isEmpty()) {
            properties.add("partitioning = " + array(partitionBy));
        }
        if (!sortedBy.isEmpty()) {
            properties.add("sorted_by = " + array(sortedBy));
        }
        return properties.isEmpty() ? List.of()
                : List.of("ALTER TABLE " + table.sql() + " SET PROPERTIES " + String.join(", ", properties));
    }

    private static String array(List<String> items) {
        return "ARRAY[" + String.join(", ", items.stream().map(i -> "'" + i + "'").toList()) + "]";
    }


    /** Trino has no {@code UPDATE ... FROM}: a {@code MERGE} updating matched rows only. */
    @Override
    public String updateFrom(TableName target, TableName source, List<String> keyColumns, List<String> columns) {
        return "MERGE INTO " + target.sql() + " t USING " + source.sql() + " s ON " + keyMatch(keyColumns)
                + " WHEN MATCHED THEN UPDATE SET " + assignments(columns, "");
    }

    // ---------------------------------------------------------------- dates

    @Override
    public String addDays(String dateExpr, String daysExpr) {
        return "date_add('day', CAST(" + daysExpr + " AS BIGINT), CAST(" + dateExpr + " AS DATE))";
    }

    @Override
    public String daysBetween(String fromDate, String toDate) {
        return "date_diff('day', CAST(" + fromDate + " AS DATE), CAST(" + toDate + " AS DATE))";
    }

    /** Milliseconds between the two as wall-clock times (no session zone involved), in seconds. */
    @Override
    public String secondsBetween(String from, String to) {
        return "(CAST(date_diff('millisecond', CAST(" + from + " AS TIMESTAMP(6)), CAST(" + to
                + " AS TIMESTAMP(6))) AS DOUBLE) / 1000)";
    }

    @Override
    public String isoDayOfWeek(String dateExpr) {
        return "CAST(day_of_week(" + dateExpr + ") AS INTEGER)";
    }

    @Override
    public String hourOf(String timestampExpr) {
        return "CAST(hour(" + timestampExpr + ") AS INTEGER)";
    }

    /** Trino's zone rules: the stored value read as UTC, shown in the zone, the zone dropped again. */
    @Override
    public String localTimestamp(String utcTimestampExpr, ZoneId zone) {
        return "CAST(with_timezone(CAST(" + utcTimestampExpr + " AS TIMESTAMP(6)), 'UTC') AT TIME ZONE "
                + ZoneShift.literal(zone) + " AS TIMESTAMP(6))";
    }

    // ---------------------------------------------------------------- aggregates and hashing

    /**
     * Exact continuous percentiles ({@code PERCENTILE_CONT}'s linear interpolation between the closest ranks),
     * which Trino lacks: each value is ranked within its group, and the two ranks around {@code f * (n - 1)} are
     * interpolated. Costs a sort per group (distributed across workers by group); {@code approx_percentile} is not
     * used because its answers differ from the other databases'.
     */
    @Override
    public String percentiles(String relation, List<String> groupBy, String valueExpr, double... fractions) {
        StandardPercentiles.checkFractions(fractions);
        groupBy.forEach(g -> Identifiers.require(g, "group column"));
        String partition = groupBy.isEmpty() ? "" : "PARTITION BY " + String.join(", ", groupBy) + " ";
        List<String> ranked = new ArrayList<>(groupBy);
        ranked.add("CAST(" + valueExpr + " AS DOUBLE) AS pv");
        ranked.add("row_number() OVER (" + partition + "ORDER BY " + valueExpr + ") - 1 AS pr");
        ranked.add("count(*) OVER (" + (groupBy.isEmpty() ? "" : "PARTITION BY " + String.join(", ", groupBy))
                + ") - 1 AS pn");
        List<String> bounds = new ArrayList<>(groupBy);
        List<String> result = new ArrayList<>(groupBy);
        for (int i = 0; i < fractions.length; i++) {
            String pos = "(" + fractions[i] + "E0 * pn)";
            bounds.add("max(CASE WHEN pr = floor" + pos + " THEN pv END) AS lo" + i);
            bounds.add("max(CASE WHEN pr = ceiling" + pos + " THEN pv END) AS hi" + i);
            bounds.add("max(" + pos + " - floor" + pos + ") AS w" + i);
            result.add("lo" + i + " + (hi" + i + " - lo" + i + ") * w" + i + " AS p" + i);
        }
        String group = groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy);
        return "SELECT " + String.join(", ", result) + " FROM (SELECT " + String.join(", ", bounds) + " FROM (SELECT "
                + String.join(", ", ranked) + " FROM " + relation + " WHERE " + valueExpr + " IS NOT NULL) ranked"
                + group + " HAVING count(*) > 0) bounded";
    }

    /** Trino's {@code CONCAT} takes text only: a cast to {@code VARCHAR}. */
    @Override
    public String text(String expr) {
        return "CAST(" + expr + " AS VARCHAR)";
    }

    @Override
    public String sha256Hex(String expr) {
        return "lower(to_hex(sha256(to_utf8(" + expr + "))))";
    }

    // ---------------------------------------------------------------- roles

    @Override
    public List<String> createRole(String role) {
        throw rolesBelongToTheCluster();
    }

    @Override
    public List<String> grantSelect(String role, TableName table) {
        throw rolesBelongToTheCluster();
    }

    @Override
    public List<String> dropRole(String role) {
        throw rolesBelongToTheCluster();
    }

    private static UnsupportedOperationException rolesBelongToTheCluster() {
        return new UnsupportedOperationException("roles and grants are not applicable on trino: access to its "
                + "catalogs is the cluster's access control (e.g. file-based rules), not the warehouse's");
    }

    // ---------------------------------------------------------------- runtime

    /** Auto-commit connections, JSON-chunk inserts, the lease lock, Trino's "does not exist" errors. */
    private static final class Runtime extends DialectRuntime {
        Runtime(Dialect dialect) {
            super(dialect);
        }

        /** Connections that stay in auto-commit mode, the only mode in which Iceberg writes. */
        @Override
        public DataSource connections(DataSource dataSource) {
            return TrinoAutoCommit.dataSource(dataSource);
        }

        @Override
        public BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns)
                throws SQLException {
            return new TrinoJsonInsertWriter(connection, table, columns);
        }

        @Override
        public Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait)
                throws SQLException {
            return TrinoLeaseLock.tryLock(dataSource, scope, name, wait);
        }

        /** Trino's errors {@code TABLE_NOT_FOUND} and {@code SCHEMA_NOT_FOUND} ("Table 'c.s.t' does not exist"). */
        @Override
        public boolean isMissingRelation(SQLException error) {
            return causes(error).anyMatch(t -> t instanceof SQLException s && s.getMessage() != null
                    && MISSING.matcher(s.getMessage()).find()) || super.isMissingRelation(error);
        }
    }
}
