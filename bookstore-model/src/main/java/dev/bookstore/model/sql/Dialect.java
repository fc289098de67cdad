package dev.bookstore.model.sql;

import dev.bookstore.model.UnsupportedDatabaseException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The SQL text of one database: everything that differs between the supported databases when writing SQL, and
 * only that — type names, identifier quoting, layer mapping, date truncation and arithmetic, percentiles, the
 * statements the model builder needs, and capability flags ({@link #supportsTransactions()},
 * {@link #supportsIndexes()}, {@link #supportsRoles()}). A dialect does no I/O: what runs over a live connection
 * (bulk writers, the cross-JVM lock, catalog look-ups) is its {@link #runtime() runtime}, a {@link DialectRuntime}.
 *
 * <p>A new dialect extends this class, passes a {@link Context} (name, JDBC product names, identifier quote, layer
 * mapping) to the constructor, implements the six date and hash methods, {@link #longTextType()} and
 * {@link #runtime()}, and overrides whichever defaults its database writes differently; the defaults are the
 * standard SQL that DuckDB, PostgreSQL and H2 share. See the package documentation for a step-by-step example.
 * Built in: DuckDB, PostgreSQL, MariaDB, H2 and Trino. Dialects are {@link #detect detected} from the database's product
 * name, found {@link #named by name}, installed through {@link ServiceLoader} (a provider of this class) or passed
 * explicitly in the warehouse configuration. Implementations must be stateless and thread-safe.
 *
 * <p>SQL fragments returned here take and return SQL expressions as text. Every identifier they write is either
 * validated by {@link Identifiers} or {@link #quote quoted}; expressions are the caller's own SQL, never user
 * input (values are always bound parameters).
 *
 * <pre>{@code
 * Dialect d = warehouse.dialect();
 * String month = d.dateTrunc(DateUnit.MONTH, "ordered_at");      // CAST(date_trunc('month', ordered_at) AS DATE)
 * if (d.supportsIndexes()) { ... }
 * }</pre>
 */
public abstract class Dialect {

    /**
     * The fixed facts about a database that the base class writes its defaults from (Calcite's
     * {@code SqlDialect.Context} is the model): an immutable value, built from {@link #named} and the
     * {@code with...} methods.
     *
     * <pre>{@code
     * static final Dialect.Context CONTEXT = Dialect.Context.named("trino").withProductNames("Trino");
     * }</pre>
     *
     * @param name a short stable lower-case name ({@code duckdb}, {@code postgresql}, ...)
     * @param productNames the JDBC {@code getDatabaseProductName()} values this dialect speaks to (any case)
     * @param identifierQuote the character quoting identifiers ({@code "} by default, a back-tick on MariaDB)
     * @param layersAreSchemas whether layers map to schemas ({@code true}, the default) or to table-name prefixes
     *                         in one schema
     * @param currentSchemaFunction the SQL function naming the connection's current schema
     *                              ({@code current_schema()} by default)
     */
    public record Context(String name, List<String> productNames, char identifierQuote, boolean layersAreSchemas,
                          String currentSchemaFunction) {
        /** Validates the name and copies the list. */
        public Context {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9]*")) {
                throw new IllegalArgumentException("dialect name '" + name + "' must be lower-case letters and "
                        + "digits, starting with a letter");
            }
            productNames = List.copyOf(productNames);
            Objects.requireNonNull(currentSchemaFunction, "currentSchemaFunction");
        }

        /** The defaults for a dialect called {@code name}: no product names yet, {@code "}, schemas per layer. */
        public static Context named(String name) {
            return new Context(name, List.of(), '"', true, "current_schema()");
        }

        /** A copy accepting these JDBC product names. */
        public Context withProductNames(String... names) {
            return new Context(name, List.of(names), identifierQuote, layersAreSchemas, currentSchemaFunction);
        }

        /** A copy quoting identifiers with {@code quote}. */
        public Context withIdentifierQuote(char quote) {
            return new Context(name, productNames, quote, layersAreSchemas, currentSchemaFunction);
        }

        /** A copy mapping layers to schemas ({@code true}) or to table-name prefixes ({@code false}). */
        public Context withLayersAreSchemas(boolean schemas) {
            return new Context(name, productNames, identifierQuote, schemas, currentSchemaFunction);
        }

        /** A copy naming the current schema with {@code function} (e.g. {@code DATABASE()}). */
        public Context withCurrentSchemaFunction(String function) {
            return new Context(name, productNames, identifierQuote, layersAreSchemas, function);
        }
    }

    private final Context context;

    /** A dialect described by {@code context}. */
    protected Dialect(Context context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The facts this dialect was built from. */
    public final Context context() {
        return context;
    }

    /** A short stable name: {@code duckdb}, {@code postgresql}, {@code mariadb}, {@code h2}, {@code trino}. */
    public final String name() {
        return context.name();
    }

    /**
     * Whether this dialect speaks to a database reporting {@code productName} and {@code productVersion} through
     * JDBC metadata; by default whether the product name is one of {@link Context#productNames()} (any case).
     */
    public boolean accepts(String productName, String productVersion) {
        return context.productNames().stream().anyMatch(p -> p.equalsIgnoreCase(productName));
    }

    /**
     * The runtime services that go with this dialect: bulk writers, the warehouse lock and catalog look-ups over
     * live connections. The warehouse asks once and keeps the result.
     */
    public abstract DialectRuntime runtime();

    @Override
    public String toString() {
        return "Dialect[" + name() + "]";
    }

    // ---------------------------------------------------------------- capability flags

    /**
     * Whether the database runs several statements, DDL included, as one transaction that a failure rolls back
     * (all four built-in databases). When false, the warehouse runs transactional work statement by statement.
     */
    public boolean supportsTransactions() {
        return true;
    }

    /**
     * Whether secondary indexes help joins and look-ups on this database; when false {@link #createIndex} writes
     * nothing (DuckDB joins with hash tables).
     */
    public boolean supportsIndexes() {
        return true;
    }

    /**
     * Whether the database has roles that read access can be granted to (PostgreSQL, MariaDB). The embedded
     * databases (DuckDB, H2) have no users of their own: whoever can open the file can read everything, so grants
     * are not applicable there.
     */
    public boolean supportsRoles() {
        return false;
    }

    /**
     * Whether the database has an as-of join ({@link #asofLeftJoin}): for each left row, the one right row with
     * the nearest value past an inequality, found by a merge of two sorted inputs instead of a window over their
     * union (DuckDB). The funnels use it for "the next event of a type after this time" when present.
     */
    public boolean supportsAsofJoin() {
        return false;
    }

    /**
     * An as-of left join clause to append after a {@code FROM} item: each left row meets the one row of
     * {@code relation} (aliased {@code alias}) that satisfies the equalities of {@code on} and is nearest past its
     * single inequality (for {@code a.t > p.t}, the smallest {@code a.t} greater than {@code p.t}), or NULLs when
     * none does. Rows of {@code relation} that tie on the inequality's column are interchangeable, so the caller
     * selects only that column and the equality columns from them.
     *
     * @param relation a table name or a parenthesised sub-query
     * @param alias the alias of {@code relation}
     * @param on equalities joined by {@code AND}, then one inequality ({@code >}, {@code >=}, {@code <}, {@code <=})
     * @throws UnsupportedOperationException when {@link #supportsAsofJoin()} is false
     */
    public String asofLeftJoin(String relation, String alias, String on) {
        throw new UnsupportedOperationException(name() + " has no as-of join (check supportsAsofJoin() first)");
    }

    // ---------------------------------------------------------------- identifiers and layers

    /** Quotes an arbitrary identifier (for names that come from outside, e.g. a source query's columns). */
    public String quote(String identifier) {
        String q = String.valueOf(context.identifierQuote());
        return q + identifier.replace(q, q + q) + q;
    }

    /** Whether layers map to schemas ({@code true}) or to table-name prefixes in one schema ({@code false}). */
    public final boolean layersAreSchemas() {
        return context.layersAreSchemas();
    }

    /**
     * The physical name of a warehouse table.
     *
     * @param namespace a validated word prefixed to every schema or table, or empty
     * @param schema the one schema (database on MariaDB) to put every layer in, or empty for the default mapping
     * @param layer the layer
     * @param table the logical table name within the layer
     */
    public TableName table(String namespace, Optional<String> schema, Layer layer, String table) {
        String ns = namespace.isEmpty() ? "" : namespace + "_";
        if (schema.isEmpty() && layersAreSchemas()) {
            return new TableName(Optional.of(ns + layer.word()), table);
        }
        return new TableName(schema, ns + layer.word() + "_" + table);
    }

    /** Statements that create the schema holding {@code table} if it is missing (none on MariaDB). */
    public List<String> createSchemaFor(TableName table) {
        return table.schema().map(s -> List.of("CREATE SCHEMA IF NOT EXISTS " + s)).orElse(List.of());
    }

    /** The SQL function naming the connection's current schema (the database on MariaDB). */
    public final String currentSchemaFunction() {
        return context.currentSchemaFunction();
    }

    // ---------------------------------------------------------------- types

    /** The type of a UTC timestamp with microseconds ({@code TIMESTAMP}; {@code DATETIME(6)} on MariaDB). */
    public String timestampType() {
        return "TIMESTAMP";
    }

    /** An unbounded text type able to hold at least 16 MB (e.g. a raw input line in quarantine). */
    public abstract String longTextType();

    /**
     * What follows the column list of every {@code CREATE TABLE} the warehouse issues, so that text compares the
     * same on every database: exactly, case- and trailing-space-sensitive. Empty where that is the default; on
     * MariaDB a binary no-pad collation (its default collation would make {@code CUST_1} and {@code cust_1} one
     * key).
     */
    public String tableOptions() {
        return "";
    }

    /**
     * {@code createTableSql} (a {@code CREATE TABLE ... (columns)} statement) followed by {@link #tableOptions()};
     * a database without key constraints (Trino) drops the {@code PRIMARY KEY} clauses here too.
     */
    public String withTableOptions(String createTableSql) {
        String options = tableOptions();
        return options.isEmpty() ? createTableSql : createTableSql.stripTrailing() + " " + options;
    }

    /** An 8-byte floating-point type. */
    public String doubleType() {
        return "DOUBLE PRECISION";
    }

    /** The type used for money: exact, two decimals. */
    public String moneyType() {
        return "DECIMAL(14,2)";
    }

    // ---------------------------------------------------------------- statements and scratch tables

    /** Deletes every row of a table, as fast as the database allows, inside a transaction. */
    public String deleteAll(TableName table) {
        return "DELETE FROM " + table.sql();
    }

    /**
     * Where a scratch table for {@code table} lives: a table that one connection creates, fills, reads and drops
     * within one piece of work (ingest stages a file's rows in one). By default {@code table} itself, a real table;
     * on DuckDB and PostgreSQL the connection's temporary schema ({@code temp}, {@code pg_temp}), which is neither
     * logged nor compressed to the database file. Create it with {@link #createScratchTable} and use it on that
     * connection only.
     */
    public TableName scratchTable(TableName table) {
        return table;
    }

    /**
     * The statement creating scratch table {@code scratch} (a name from {@link #scratchTable}) with the columns
     * and types of {@code selectSql}'s result, and its rows (give a query with {@code WHERE 1 = 0} for none).
     */
    public String createScratchTable(TableName scratch, String selectSql) {
        return "CREATE TABLE " + scratch.sql() + " AS " + selectSql;
    }

    // ---------------------------------------------------------------- dates

    /**
     * A {@code DATE} expression: the start of the {@code unit} containing the date or timestamp {@code expr}
     * (ISO weeks start on Monday). By default {@code CAST(date_trunc('unit', expr) AS DATE)}.
     */
    public String dateTrunc(DateUnit unit, String expr) {
        return "CAST(date_trunc('" + unit.name().toLowerCase(Locale.ROOT) + "', " + expr + ") AS DATE)";
    }

    /** A {@code DATE} expression: {@code dateExpr} plus {@code daysExpr} days (may be negative). */
    public abstract String addDays(String dateExpr, String daysExpr);

    /** An integer expression: days from {@code fromDate} to {@code toDate} (positive when {@code to} is later). */
    public abstract String daysBetween(String fromDate, String toDate);

    /** A numeric expression: seconds from timestamp {@code from} to timestamp {@code to}. */
    public abstract String secondsBetween(String from, String to);

    /** An integer expression: the ISO day of week of a date, 1 = Monday ... 7 = Sunday. */
    public abstract String isoDayOfWeek(String dateExpr);

    /** An integer expression: the hour 0–23 of a timestamp. */
    public String hourOf(String timestampExpr) {
        return "EXTRACT(HOUR FROM " + timestampExpr + ")";
    }

    /**
     * A timestamp expression: the wall-clock time in {@code zone} of {@code utcTimestampExpr}, a timestamp without
     * time zone holding UTC (as the warehouse stores instants); e.g. {@code 2025-06-30 23:30} becomes
     * {@code 2025-07-01 00:30} in Europe/London. Never depends on the session's or the JVM's time zone. Where the
     * database has no time zone rules of its own (H2; MariaDB without its time zone tables) use
     * {@link #zoneShift}, which writes the zone's offsets from 1970 to 2100 into the expression.
     *
     * <pre>{@code
     * String hour = dialect.hourOf(dialect.localTimestamp("ordered_at", ZoneId.of("Europe/London")));
     * }</pre>
     */
    public abstract String localTimestamp(String utcTimestampExpr, ZoneId zone);

    /** The zone id as a SQL string literal, for {@link #localTimestamp} implementations. */
    protected static String zoneLiteral(ZoneId zone) {
        return ZoneShift.literal(zone);
    }

    /**
     * A {@link #localTimestamp} for databases without usable zone rules: a balanced {@code CASE} over the zone's
     * offset transitions between 1970 and 2100.
     *
     * @param addSeconds writes "timestamp expression plus n seconds" in the dialect
     */
    protected static String zoneShift(String utcTimestampExpr, ZoneId zone,
                                      java.util.function.BiFunction<String, Integer, String> addSeconds) {
        return ZoneShift.expression(utcTimestampExpr, zone, addSeconds);
    }

    // ---------------------------------------------------------------- text

    /**
     * A text expression: {@code expr} (a number, date or timestamp) as text, where {@code CONCAT} needs text
     * arguments ({@code {{text(x)}}} in templates). By default {@code expr} itself, since DuckDB, PostgreSQL,
     * MariaDB and H2 convert {@code CONCAT}'s arguments; on Trino a cast to {@code VARCHAR}.
     */
    public String text(String expr) {
        return expr;
    }

    // ---------------------------------------------------------------- aggregates

    /**
     * A query returning one row per group with the continuous percentiles of {@code valueExpr}: the columns are
     * {@code groupBy} (in order) then {@code p0, p1, ...} for each fraction in {@code fractions}. Rows where
     * {@code valueExpr} is {@code NULL} are ignored. An empty relation gives no rows. By default ordered-set
     * aggregates ({@code PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY v)}).
     *
     * @param relation a table name or a parenthesised sub-query with an alias
     * @param groupBy grouping column names of the relation (may be empty)
     * @param valueExpr numeric expression over the relation
     * @param fractions fractions in [0, 1], e.g. 0.5 and 0.9
     */
    public String percentiles(String relation, List<String> groupBy, String valueExpr, double... fractions) {
        return StandardPercentiles.query(relation, groupBy, valueExpr, fractions);
    }

    /** Checks percentile fractions for {@link #percentiles} implementations: at least one, each in [0, 1]. */
    protected static void checkFractions(double... fractions) {
        StandardPercentiles.checkFractions(fractions);
    }

    // ---------------------------------------------------------------- model building (bookstore-etl transform)

    /**
     * A text expression: the SHA-256 digest of the UTF-8 bytes of text expression {@code expr}, as 64 lower-case
     * hexadecimal characters; {@code NULL} when {@code expr} is {@code NULL}. Used to mask personal data with a
     * salted hash, so it must give the same digest on every database.
     */
    public abstract String sha256Hex(String expr);

    /**
     * Statements that make {@code view} show {@code selectSql}, replacing any previous definition of the view even
     * when its columns differ. On PostgreSQL this drops the old view first (with the views built on it).
     */
    public List<String> replaceView(TableName view, String selectSql) {
        return List.of("CREATE OR REPLACE VIEW " + view.sql() + " AS " + selectSql);
    }

    /**
     * A statement deleting every row of {@code target} whose {@code keyColumns} equal those of some row of
     * {@code source} (a merge's "remove the rows about to be replaced").
     */
    public String deleteMatching(TableName target, TableName source, List<String> keyColumns) {
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
     * with the same {@code keyColumns} (unique in {@code source}); rows without a match are left alone. By default
     * {@code UPDATE ... FROM}, as PostgreSQL and DuckDB write it.
     */
    public String updateFrom(TableName target, TableName source, List<String> keyColumns, List<String> columns) {
        return "UPDATE " + target.sql() + " AS t SET " + assignments(columns, "") + " FROM " + source.sql()
                + " AS s WHERE " + keyMatch(keyColumns);
    }

    /**
     * Statements creating a (non-unique) index named {@code indexName} on {@code columns} of {@code table} unless it
     * exists; none when the database does not {@link #supportsIndexes() use indexes}.
     */
    public List<String> createIndex(TableName table, String indexName, List<String> columns) {
        Identifiers.require(indexName, "index name");
        if (!supportsIndexes()) {
            return List.of();
        }
        requireColumns(columns, "index column");
        return List.of("CREATE INDEX IF NOT EXISTS " + indexName + " ON " + table.sql() + " ("
                + String.join(", ", columns) + ")");
    }

    /**
     * Statements that lay out a freshly created {@code table} for the look-ups its model declares, on a database
     * without indexes: partitioned by {@code partitionBy} (Iceberg's transforms: {@code column}, or
     * {@code year(column)}, {@code month(column)}, {@code day(column)} of a date) and sorted by {@code sortedBy} (the
     * model's first declared index). None by default: databases that {@link #supportsIndexes() use indexes} get those
     * from {@link #createIndex} instead, and a database without either simply scans.
     *
     * <pre>{@code
     * dialect.layoutTable(fctOrders, List.of("month(order_date)"), List.of("customer_id"));
     * // Trino: ALTER TABLE marts.fct_orders SET PROPERTIES partitioning = ARRAY['month(order_date)'], ...
     * }</pre>
     *
     * @throws IllegalArgumentException when a partition spec or column is not of the forms above
     */
    public List<String> layoutTable(TableName table, List<String> partitionBy, List<String> sortedBy) {
        partitionBy.forEach(Dialect::requirePartitionSpec);
        if (!sortedBy.isEmpty()) {
            requireColumns(sortedBy, "sort column");
        }
        return List.of();
    }

    /**
     * The column a partition spec ({@link #layoutTable}) partitions by: {@code spec} itself, or the argument of
     * {@code year|month|day(column)}.
     *
     * @throws IllegalArgumentException when {@code spec} is of neither form
     */
    public static String partitionColumn(String spec) {
        java.util.regex.Matcher m = PARTITION_SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("partition '" + spec + "' should be a column or year(column), "
                    + "month(column) or day(column)");
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static void requirePartitionSpec(String spec) {
        Identifiers.require(partitionColumn(spec), "partition column");
    }

    private static final java.util.regex.Pattern PARTITION_SPEC =
            java.util.regex.Pattern.compile("(?:(year|month|day)\\(([a-z_][a-z0-9_]*)\\)|([a-z_][a-z0-9_]*))");

    /** {@code c1 = s.c1, c2 = s.c2}, each target column prefixed with {@code targetPrefix}; columns validated. */
    protected static String assignments(List<String> columns, String targetPrefix) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("at least one column to set is needed");
        }
        StringBuilder out = new StringBuilder();
        for (String c : columns) {
            Identifiers.require(c, "column name");
            out.append(out.length() == 0 ? "" : ", ").append(targetPrefix).append(c).append(" = s.").append(c);
        }
        return out.toString();
    }

    /** {@code t.k1 = s.k1 AND t.k2 = s.k2}; columns validated. */
    protected static String keyMatch(List<String> keyColumns) {
        requireColumns(keyColumns, "key column");
        StringBuilder out = new StringBuilder();
        for (String k : keyColumns) {
            out.append(out.length() == 0 ? "" : " AND ").append("t.").append(k).append(" = s.").append(k);
        }
        return out.toString();
    }

    /** Validates column names written unquoted into SQL: at least one, each a valid identifier. */
    protected static void requireColumns(List<String> columns, String what) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("at least one " + what + " is needed");
        }
        columns.forEach(c -> Identifiers.require(c, what));
    }

    // ---------------------------------------------------------------- roles and grants

    /**
     * Statements creating role {@code role} (without login) unless it exists. Roles are global to a server, not to
     * a database: put the warehouse's namespace into the name.
     *
     * @throws UnsupportedOperationException when {@link #supportsRoles()} is false
     */
    public List<String> createRole(String role) {
        throw rolesNotApplicable();
    }

    /**
     * Statements granting {@code role} read access ({@code SELECT}) to {@code table}, and whatever else it needs to
     * reach it (usage of the schema on PostgreSQL). Idempotent.
     *
     * @throws UnsupportedOperationException when {@link #supportsRoles()} is false
     */
    public List<String> grantSelect(String role, TableName table) {
        throw rolesNotApplicable();
    }

    /**
     * Statements dropping role {@code role} and its privileges (in the connection's database) if it exists.
     *
     * @throws UnsupportedOperationException when {@link #supportsRoles()} is false
     */
    public List<String> dropRole(String role) {
        throw rolesNotApplicable();
    }

    private UnsupportedOperationException rolesNotApplicable() {
        return new UnsupportedOperationException("roles and grants are not applicable on " + name()
                + ": an embedded database has no users of its own (protect the database file instead)");
    }

    // ---------------------------------------------------------------- finding a dialect

    /** The built-in dialects, then any found through {@link ServiceLoader}. */
    public static List<Dialect> available() {
        List<Dialect> all = new ArrayList<>(List.of(new DuckDbDialect(), new PostgresDialect(), new MariaDbDialect(),
                new H2Dialect(), new TrinoDialect()));
        ServiceLoader.load(Dialect.class).forEach(all::add);
        return List.copyOf(all);
    }

    /** The built-in or installed dialect with this {@link #name()}. */
    public static Optional<Dialect> named(String name) {
        return available().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The dialect for a database reporting {@code productName} and {@code productVersion} through JDBC metadata
     * ({@code DatabaseMetaData.getDatabaseProductName()} and {@code getDatabaseProductVersion()}).
     *
     * @throws UnsupportedDatabaseException naming the database and the supported ones
     */
    public static Dialect detect(String productName, String productVersion) {
        for (Dialect d : available()) {
            if (d.accepts(productName, productVersion)) {
                return d;
            }
        }
        throw new UnsupportedDatabaseException(productName + " " + productVersion + " is not supported: Bookstore "
                + "Analytics needs one of DuckDB, PostgreSQL, MariaDB, H2 or Trino (window functions, percentiles and bulk "
                + "loads as those provide), or a Dialect for it installed through ServiceLoader");
    }
}
