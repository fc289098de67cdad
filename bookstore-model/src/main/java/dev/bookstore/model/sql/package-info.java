/**
 * Everything that differs between databases, and nothing else: {@link dev.bookstore.model.sql.Dialect} (the SQL
 * text of one database: types, quoting, layer mapping, date arithmetic, percentiles, capability flags),
 * {@link dev.bookstore.model.sql.DialectRuntime} (what runs over a live connection: bulk writers, the warehouse
 * lock, catalog look-ups) and the small value types they speak ({@link dev.bookstore.model.sql.Layer},
 * {@link dev.bookstore.model.sql.TableName}, {@link dev.bookstore.model.sql.DateUnit},
 * {@link dev.bookstore.model.sql.BulkWriter}, {@link dev.bookstore.model.sql.WarehouseLock},
 * {@link dev.bookstore.model.sql.RelationKind}).
 *
 * <p>Other modules write portable SQL and ask the dialect for the few fragments that are not portable. A new SQL
 * difference is never a new {@code if} in a module: it is a method of {@code Dialect} (text) or
 * {@code DialectRuntime} (I/O), with a default that the standard databases share.
 *
 * <p>SQL text reaches the database through one template language: {@link dev.bookstore.model.sql.SqlResources}
 * loads the {@code .sql} resources (cached, comments stripped), {@link dev.bookstore.model.sql.SqlRenderer} renders
 * their placeholders and macros for the dialect (it is the warehouse's Jdbi template engine), and modules add
 * macros of their own as {@link dev.bookstore.model.sql.SqlMacro}s.
 *
 * <h2>Adding a dialect</h2>
 * Everything happens in this package (or, for a dialect shipped elsewhere, in your own package plus a
 * {@code META-INF/services/dev.bookstore.model.sql.Dialect} file naming the class):
 * <ol>
 *   <li>One class {@code XyzDialect extends Dialect} with a {@link dev.bookstore.model.sql.Dialect.Context}: its
 *       name, the JDBC product names it accepts ({@code DatabaseMetaData.getDatabaseProductName()}), its
 *       identifier quote, whether layers are schemas, the current-schema function.</li>
 *   <li>Implement the abstract methods: {@code longTextType}, {@code addDays}, {@code daysBetween},
 *       {@code secondsBetween}, {@code isoDayOfWeek}, {@code localTimestamp} (use {@code zoneShift} when the
 *       database has no zone rules), {@code sha256Hex} and {@code runtime}.</li>
 *   <li>Override the defaults the database writes differently (they are the standard SQL of DuckDB, PostgreSQL
 *       and H2: {@code date_trunc}, ordered-set percentiles, {@code UPDATE ... FROM}, {@code CREATE OR REPLACE
 *       VIEW}, {@code CREATE INDEX IF NOT EXISTS}) and the capability flags that are false for it
 *       ({@code supportsTransactions}, {@code supportsIndexes}; {@code supportsRoles} is false by default).</li>
 *   <li>Its runtime: a nested {@code DialectRuntime} subclass implementing {@code tryLock} (with
 *       {@code fileLock} for an embedded database, {@code sessionLock} for a server's lock functions, or a lock
 *       table of your own) and, where the database has a faster path than batched inserts, {@code bulkWriter}
 *       and {@code largeBulkWriter}.</li>
 *   <li>Built in: add {@code new XyzDialect()} to {@link dev.bookstore.model.sql.Dialect#available()}; then
 *       the shared test suite ({@code DialectContractTest} and the other {@code @EachDatabase} tests) runs on it
 *       once the test extension knows how to reach the database.</li>
 * </ol>
 *
 * <pre>{@code
 * final class TrinoDialect extends Dialect {
 *     static final Context CONTEXT = Context.named("trino").withProductNames("Trino");
 *     private final DialectRuntime runtime = new Runtime(this);
 *
 *     TrinoDialect() { super(CONTEXT); }
 *     public DialectRuntime runtime() { return runtime; }
 *     public boolean supportsIndexes() { return false; }
 *     public String longTextType() { return "VARCHAR"; }
 *     public String addDays(String date, String days) { return "date_add('day', " + days + ", " + date + ")"; }
 *     // ... daysBetween, secondsBetween, isoDayOfWeek, localTimestamp, sha256Hex
 *
 *     private static final class Runtime extends DialectRuntime {
 *         Runtime(Dialect d) { super(d); }
 *         public Optional<WarehouseLock> tryLock(DataSource ds, String scope, String name, Duration wait) { ... }
 *     }
 * }
 * }</pre>
 */
package dev.bookstore.model.sql;
