package dev.bookstore.model.sql;

import dev.bookstore.model.UnsupportedDatabaseException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * Everything that differs between the supported databases, and only that: type names, identifier quoting, layer
 * mapping, upserts, date truncation and arithmetic, percentiles, bulk loads, cross-JVM locks, and what the model
 * builder needs (hashing, view replacement, merge-style deletes and updates, indexes, catalog look-ups, roles).
 *
 * <p>Built in: DuckDB (the embedded default), PostgreSQL, MariaDB and H2. A dialect is {@link #detect detected}
 * from the connection's metadata; further dialects can be added through {@link ServiceLoader} (a provider of
 * this interface) or passed explicitly in the warehouse configuration. Implementations are stateless and
 * thread-safe.
 *
 * <p>SQL fragments returned here take and return SQL expressions as text. Every identifier they write is either
 * validated by {@link Identifiers} or {@link #quote quoted}; expressions are the caller's own SQL, never user
 * input.
 */
public interface Dialect {

    /** A short stable name: {@code duckdb}, {@code postgresql}, {@code mariadb}, {@code h2}. */
    String name();

    /** Whether this dialect speaks to a database whose JDBC product name is {@code productName}. */
    boolean accepts(String productName);

    // ---------------------------------------------------------------- identifiers and layers

    /** Quotes an arbitrary identifier (for names that come from outside, e.g. a source query's columns). */
    String quote(String identifier);

    /** Whether layers map to schemas ({@code true}) or to table-name prefixes in one schema ({@code false}). */
    boolean layersAreSchemas();

    /**
     * The physical name of a warehouse table.
     *
     * @param namespace a validated word prefixed to every schema or table, or empty
     * @param schema the one schema (database on MariaDB) to put every layer in, or empty for the default mapping
     * @param layer the layer
     * @param table the logical table name within the layer
     */
    default TableName table(String namespace, Optional<String> schema, Layer layer, String table) {
        String ns = namespace.isEmpty() ? "" : namespace + "_";
        if (schema.isEmpty() && layersAreSchemas()) {
            return new TableName(Optional.of(ns + layer.word()), table);
        }
        return new TableName(schema, ns + layer.word() + "_" + table);
    }

    /** Statements that create the schema holding {@code table} if it is missing (none on MariaDB). */
    default List<String> createSchemaFor(TableName table) {
        return table.schema().map(s -> List.of("CREATE SCHEMA IF NOT EXISTS " + s)).orElse(List.of());
    }

    // ---------------------------------------------------------------- types

    /** The type of a UTC timestamp with microseconds ({@code TIMESTAMP}; {@code DATETIME(6)} on MariaDB). */
    default String timestampType() {
        return "TIMESTAMP";
    }

    /** An unbounded text type able to hold at least 16 MB (e.g. a raw input line in quarantine). */
    String longTextType();

    /**
     * What follows the column list of every {@code CREATE TABLE} the warehouse issues, so that text compares the
     * same on every database: exactly, case- and trailing-space-sensitive. Empty where that is the default; on
     * MariaDB a binary no-pad collation (its default collation would make {@code CUST_1} and {@code cust_1} one
     * key).
     */
    default String tableOptions() {
        return "";
    }

    /** {@code createTableSql} (a {@code CREATE TABLE ... (columns)} statement) followed by {@link #tableOptions()}. */
    default String withTableOptions(String createTableSql) {
        String options = tableOptions();
        return options.isEmpty() ? createTableSql : createTableSql.stripTrailing() + " " + options;
    }

    /** An 8-byte floating-point type. */
    default String doubleType() {
        return "DOUBLE PRECISION";
    }

    /** The type used for money: exact, two decimals. */
    default String moneyType() {
        return "DECIMAL(14,2)";
    }

    // ---------------------------------------------------------------- statements

    /**
     * A parameterised insert-or-update of one row: inserts {@code columns} (one {@code ?} each, in order) and, when
     * a row with the same {@code keyColumns} exists, updates its other columns instead. Needs a primary key or
     * unique index on {@code keyColumns}.
     */
    String upsert(TableName table, List<String> columns, List<String> keyColumns);

    /** Deletes every row of a table, as fast as the database allows, inside a transaction. */
    default String deleteAll(TableName table) {
        return "DELETE FROM " + table.sql();
    }

    // ---------------------------------------------------------------- dates

    /** A {@code DATE} expression: the start of the {@code unit} containing the date or timestamp {@code expr}. */
    String dateTrunc(DateUnit unit, String expr);

    /** A {@code DATE} expression: {@code dateExpr} plus {@code daysExpr} days (may be negative). */
    String addDays(String dateExpr, String daysExpr);

    /** An integer expression: days from {@code fromDate} to {@code toDate} (positive when {@code to} is later). */
    String daysBetween(String fromDate, String toDate);

    /** A numeric expression: seconds from timestamp {@code from} to timestamp {@code to}. */
    String secondsBetween(String from, String to);

    /** An integer expression: the ISO day of week of a date, 1 = Monday ... 7 = Sunday. */
    String isoDayOfWeek(String dateExpr);

    /** An integer expression: the hour 0–23 of a timestamp. */
    default String hourOf(String timestampExpr) {
        return "EXTRACT(HOUR FROM " + timestampExpr + ")";
    }

    /**
     * A timestamp expression: the wall-clock time in {@code zone} of {@code utcTimestampExpr}, a timestamp without
     * time zone holding UTC (as the warehouse stores instants); e.g. {@code 2025-06-30 23:30} becomes
     * {@code 2025-07-01 00:30} in Europe/London. Never depends on the session's or the JVM's time zone. Where the
     * database has no time zone rules of its own (H2; MariaDB without its time zone tables) the zone's offsets
     * from 1970 to 2100 are written into the expression, so instants outside those years use the nearest one.
     *
     * <pre>{@code
     * String hour = dialect.hourOf(dialect.localTimestamp("ordered_at", ZoneId.of("Europe/London")));
     * }</pre>
     */
    String localTimestamp(String utcTimestampExpr, java.time.ZoneId zone);

    // ---------------------------------------------------------------- aggregates

    /**
     * A query returning one row per group with the continuous percentiles of {@code valueExpr}: the columns are
     * {@code groupBy} (in order) then {@code p0, p1, ...} for each fraction in {@code fractions}. Rows where
     * {@code valueExpr} is {@code NULL} are ignored. An empty relation gives no rows.
     *
     * @param relation a table name or a parenthesised sub-query with an alias
     * @param groupBy grouping column names of the relation (may be empty)
     * @param valueExpr numeric expression over the relation
     * @param fractions fractions in [0, 1], e.g. 0.5 and 0.9
     */
    String percentiles(String relation, List<String> groupBy, String valueExpr, double... fractions);

    // ---------------------------------------------------------------- model building (bookstore-etl transform)

    /**
     * A text expression: the SHA-256 digest of the UTF-8 bytes of text expression {@code expr}, as 64 lower-case
     * hexadecimal characters; {@code NULL} when {@code expr} is {@code NULL}. Used to mask personal data with a
     * salted hash, so it must give the same digest on every database.
     */
    String sha256Hex(String expr);

    /**
     * Statements that make {@code view} show {@code selectSql}, replacing any previous definition of the view even
     * when its columns differ. On PostgreSQL this drops the old view first (with the views built on it).
     */
    default List<String> replaceView(TableName view, String selectSql) {
        return List.of("CREATE OR REPLACE VIEW " + view.sql() + " AS " + selectSql);
    }

    /**
     * A statement deleting every row of {@code target} whose {@code keyColumns} equal those of some row of
     * {@code source} (a merge's "remove the rows about to be replaced").
     */
    default String deleteMatching(TableName target, TableName source, List<String> keyColumns) {
        requireColumns(keyColumns, "key column");
        StringBuilder on = new StringBuilder();
        for (String k : keyColumns) {
            on.append(on.length() == 0 ? "" : " AND ").append("s.").append(k).append(" = ").append(target.name())
                    .append('.').append(k);
        }
        return "DELETE FROM " + target.sql() + " WHERE EXISTS (SELECT 1 FROM " + source.sql() + " s WHERE " + on
                + ")";
    }

    /**
     * A statement setting {@code columns} of each row of {@code target} to the values of the row of {@code source}
     * with the same {@code keyColumns} (unique in {@code source}); rows without a match are left alone.
     */
    String updateFrom(TableName target, TableName source, List<String> keyColumns, List<String> columns);

    /**
     * Statements creating a (non-unique) index named {@code indexName} on {@code columns} of {@code table} unless it
     * exists; none on databases that do not need one for joins on those columns (DuckDB).
     */
    default List<String> createIndex(TableName table, String indexName, List<String> columns) {
        Identifiers.require(indexName, "index name");
        requireColumns(columns, "index column");
        return List.of("CREATE INDEX IF NOT EXISTS " + indexName + " ON " + table.sql() + " ("
                + String.join(", ", columns) + ")");
    }

    /** What {@code name} is in the database the connection is on: a table, a view, or empty when there is none. */
    default Optional<RelationKind> relationKind(Connection connection, TableName name) throws SQLException {
        String sql = "SELECT table_type FROM information_schema.tables WHERE UPPER(table_schema) = UPPER("
                + (name.schema().isPresent() ? "?" : currentSchemaFunction()) + ") AND UPPER(table_name) = UPPER(?)";
        try (java.sql.PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            if (name.schema().isPresent()) {
                ps.setString(i++, name.schema().get());
            }
            ps.setString(i, name.name());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(rs.getString(1).toUpperCase(java.util.Locale.ROOT).contains("VIEW")
                        ? RelationKind.VIEW : RelationKind.TABLE);
            }
        }
    }

    /** The SQL function naming the connection's current schema (the database on MariaDB). */
    default String currentSchemaFunction() {
        return "current_schema()";
    }

    // ---------------------------------------------------------------- roles and grants

    /**
     * Whether the database has roles that read access can be granted to (PostgreSQL, MariaDB). The embedded
     * databases (DuckDB, H2) have no users of their own: whoever can open the file can read everything, so grants
     * are not applicable there.
     */
    default boolean supportsRoles() {
        return false;
    }

    /**
     * Statements creating role {@code role} (without login) unless it exists. Roles are global to a server, not to
     * a database: put the warehouse's namespace into the name.
     *
     * @throws UnsupportedOperationException when {@link #supportsRoles()} is false
     */
    default List<String> createRole(String role) {
        throw rolesNotApplicable();
    }

    /**
     * Statements granting {@code role} read access ({@code SELECT}) to {@code table}, and whatever else it needs to
     * reach it (usage of the schema on PostgreSQL). Idempotent.
     *
     * @throws UnsupportedOperationException when {@link #supportsRoles()} is false
     */
    default List<String> grantSelect(String role, TableName table) {
        throw rolesNotApplicable();
    }

    /**
     * Statements dropping role {@code role} and its privileges (in the connection's database) if it exists.
     *
     * @throws UnsupportedOperationException when {@link #supportsRoles()} is false
     */
    default List<String> dropRole(String role) {
        throw rolesNotApplicable();
    }

    private UnsupportedOperationException rolesNotApplicable() {
        return new UnsupportedOperationException("roles and grants are not applicable on " + name()
                + ": an embedded database has no users of its own (protect the database file instead)");
    }

    /** Validates column names written unquoted into SQL. */
    private static void requireColumns(List<String> columns, String what) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("at least one " + what + " is needed");
        }
        columns.forEach(c -> Identifiers.require(c, what));
    }

    // ---------------------------------------------------------------- bulk load and locks

    /**
     * A writer appending rows to {@code table} on {@code connection} in the database's fastest way, within the
     * connection's current transaction.
     */
    BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns) throws SQLException;

    /**
     * Where a scratch table for {@code table} lives: a table that one connection creates, fills, reads and drops
     * within one piece of work (ingest stages a file's rows in one). By default {@code table} itself, a real table;
     * on DuckDB and PostgreSQL the connection's temporary schema ({@code temp}, {@code pg_temp}), which is neither
     * logged nor compressed to the database file. Create it with {@link #createScratchTable} and use it on that
     * connection only.
     */
    default TableName scratchTable(TableName table) {
        return table;
    }

    /**
     * The statement creating scratch table {@code scratch} (a name from {@link #scratchTable}) with the columns
     * and types of {@code selectSql}'s result, and its rows (give a query with {@code WHERE 1 = 0} for none).
     */
    default String createScratchTable(TableName scratch, String selectSql) {
        return "CREATE TABLE " + scratch.sql() + " AS " + selectSql;
    }

    /**
     * A writer for one large load (say a million rows of a file) into {@code table}, on {@code connection} and
     * within its current transaction, favouring throughput: rows may be spooled (to a temporary file, then loaded
     * with DuckDB's parallel {@code COPY} or MariaDB's {@code LOAD DATA LOCAL INFILE}) and are certain to be in the
     * table only after {@link BulkWriter#finish()}. The same values as {@link #bulkWriter} are accepted; the
     * default is {@link #bulkWriter}.
     */
    default BulkWriter largeBulkWriter(Connection connection, TableName table, List<String> columns)
            throws SQLException {
        return bulkWriter(connection, table, columns);
    }

    /**
     * Acquires a named lock that excludes other holders in this and other JVMs, waiting up to {@code wait}.
     *
     * @param dataSource where to take a connection for the lock's lifetime (server databases)
     * @param scope identifies the database and namespace, so that locks of different warehouses never collide
     * @param name the lock's name
     * @return the held lock, or empty when it could not be had within {@code wait}
     */
    Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait)
            throws SQLException;

    // ---------------------------------------------------------------- detection

    /** The built-in dialects, then any found through {@link ServiceLoader}. */
    static List<Dialect> available() {
        List<Dialect> all = new ArrayList<>(List.of(new DuckDbDialect(), new PostgresDialect(), new MariaDbDialect(),
                new H2Dialect()));
        ServiceLoader.load(Dialect.class).forEach(all::add);
        return List.copyOf(all);
    }

    /** The built-in or installed dialect with this {@link #name()}. */
    static Optional<Dialect> named(String name) {
        return available().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The dialect for the database behind {@code connection}.
     *
     * @throws UnsupportedDatabaseException naming the database and the supported ones
     */
    static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        String version = meta.getDatabaseProductVersion();
        for (Dialect d : available()) {
            if (d.accepts(product)) {
                if (d instanceof MariaDbDialect && !version.toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
                    break;
                }
                return d;
            }
        }
        throw new UnsupportedDatabaseException(product + " " + version + " is not supported: Bookstore Analytics "
                + "needs one of DuckDB, PostgreSQL, MariaDB or H2 (window functions, percentiles and bulk loads "
                + "as those provide), or a Dialect for it installed through ServiceLoader");
    }
}
