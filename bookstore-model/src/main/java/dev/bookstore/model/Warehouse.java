package dev.bookstore.model;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import dev.bookstore.model.sql.Dialect;
import dev.bookstore.model.sql.DialectRuntime;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.SqlRenderer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.UtcTimestamps;
import dev.bookstore.model.sql.WarehouseLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main entry point: the handle on one warehouse (a database plus a namespace) that every module takes.
 *
 * <p>Built from a JDBC URL, in which case the warehouse owns a HikariCP pool and closes it, or from the caller's
 * own {@link DataSource}, which it never closes. The dialect is detected from the connection. {@link #init()}
 * creates or upgrades the schema idempotently. Thread-safe.
 *
 * <p>Its surface: building ({@link #connect}, {@link #using}), the schema ({@link #init}, {@link #schemaVersion}),
 * naming ({@link #dialect}, {@link #table}, {@link #render}), the cross-JVM {@link #lock}, and one way in for
 * queries — Jdbi callbacks, {@link #withHandle} and {@link #inTransaction}, generic in the callback's exception,
 * with database errors translated into {@link NotReadyException} or {@link WarehouseException}. The raw-JDBC
 * members ({@link #withConnection}, {@link #inJdbcTransaction}) are {@link Beta}: they serve the SDK's bulk paths
 * and may change.
 *
 * <pre>{@code
 * try (Warehouse wh = Warehouse.connect("jdbc:duckdb:./bookstore.duckdb")) {
 *     wh.init();
 *     long orders = wh.withHandle(h -> h.createQuery("SELECT count(*) FROM ${raw:orders} WHERE order_date >= :from")
 *             .bind("from", LocalDate.parse("2025-01-01")).mapTo(Long.class).one());   // rendered by SqlRenderer
 * }
 * }</pre>
 */
public final class Warehouse implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

    private final DataSource dataSource;
    private final Optional<HikariDataSource> ownedPool;
    /** Where session-level locks get their connection: outside an owned pool, so a lock never takes a pooled one. */
    private final DataSource lockSource;
    private final WarehouseConfig config;
    private final Dialect dialect;
    private final Jdbi jdbi;
    private final SqlRenderer renderer;
    private final String description;
    private final boolean shutdownOnClose;

    private Warehouse(DataSource dataSource, Optional<HikariDataSource> ownedPool, Optional<DataSource> unpooled,
                      WarehouseConfig config, String description, boolean shutdownOnClose) {
        this.ownedPool = ownedPool;
        this.config = config;
        this.description = description;
        this.shutdownOnClose = shutdownOnClose;
        try (Connection c = dataSource.getConnection()) {
            this.dialect = config.dialect().isPresent() ? config.dialect().get()
                    : Dialect.detect(c.getMetaData().getDatabaseProductName(),
                            c.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            ownedPool.ifPresent(HikariDataSource::close);
            throw new WarehouseException("cannot connect to " + description + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            ownedPool.ifPresent(HikariDataSource::close);
            throw e;
        }
        this.dataSource = dialect.runtime().connections(dataSource);
        this.lockSource = unpooled.map(u -> dialect.runtime().connections(u)).orElse(this.dataSource);
        this.renderer = SqlRenderer.of(dialect, this::table, config.calendar().zone());
        this.jdbi = Jdbi.create(this.dataSource).installPlugin(UtcTimestamps.plugin());
        this.jdbi.setTemplateEngine(renderer);
    }

    /** A warehouse on the database at {@code jdbcUrl}, with default configuration. */
    public static Warehouse connect(String jdbcUrl) {
        return connect(jdbcUrl, WarehouseConfig.defaults());
    }

    /**
     * A warehouse on the database at {@code jdbcUrl}, owning a connection pool that {@link #close()} closes.
     * Credentials go in the URL as the driver expects them ({@code ?user=..&password=..} for PostgreSQL and
     * MariaDB). An unnamed in-memory URL ({@code jdbc:duckdb:}, {@code jdbc:h2:mem:}) becomes one in-memory
     * database shared by the pool's connections and dropped on close.
     *
     * @throws WarehouseException naming the URL (without password) when it cannot connect
     */
    public static Warehouse connect(String jdbcUrl, WarehouseConfig config) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(config, "config");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new InvalidArgumentException("jdbcUrl", "database URL '" + JdbcUrls.redact(jdbcUrl)
                    + "' does not start with 'jdbc:' "
                    + "(examples: jdbc:duckdb:./bookstore.duckdb, jdbc:postgresql://host:5432/db?user=u, "
                    + "jdbc:mariadb://host:3306/db?user=u, jdbc:h2:mem:test)");
        }
        Optional<String> missing = JdbcUrls.missingDriver(jdbcUrl, Warehouse.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader());
        if (missing.isPresent()) {
            throw new WarehouseException("cannot connect to " + JdbcUrls.redact(jdbcUrl) + ": " + missing.get());
        }
        JdbcUrls.Resolved url = JdbcUrls.resolve(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.url());
        hc.setPoolName("bookstore-" + UUID.randomUUID().toString().substring(0, 8));
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(url.keepOneOpen() ? 1 : 0);
        hc.setConnectionTimeout(config.connectTimeout().toMillis());
        hc.setInitializationFailTimeout(config.connectTimeout().toMillis());
        if (url.keepOneOpen()) {
            hc.setMaxLifetime(0);
            hc.setIdleTimeout(0);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new WarehouseException("cannot connect to " + JdbcUrls.redact(jdbcUrl) + ": "
                    + JdbcUrls.rootMessage(e), e);
        }
        // locks held for a whole run (PostgreSQL, MariaDB session locks) use their own connection, never the pool's,
        // so that a pool of 1 is enough for a pipeline run holding nested locks
        DataSource unpooled = new DriverDataSource(url.url(), null, new Properties(), null, null);
        return new Warehouse(pool, Optional.of(pool), Optional.of(unpooled), config, JdbcUrls.redact(jdbcUrl),
                url.shutdownOnClose());
    }

    /** A warehouse on the caller's {@code dataSource}, which it uses but never closes. */
    public static Warehouse using(DataSource dataSource) {
        return using(dataSource, WarehouseConfig.defaults());
    }

    /**
     * A warehouse on the caller's {@code dataSource}, with {@code config}; the data source is never closed. On
     * PostgreSQL and MariaDB a held {@link #lock} keeps one of its connections for as long as it is held (a
     * pipeline run nests up to three locks), so a pool behind it needs at least four connections; a warehouse
     * built from a URL ({@link #connect(String, WarehouseConfig)}) opens lock connections outside its pool and
     * works with a pool of one.
     */
    public static Warehouse using(DataSource dataSource, WarehouseConfig config) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(config, "config");
        return new Warehouse(dataSource, Optional.empty(), Optional.empty(), config, "the given DataSource", false);
    }

    /**
     * Creates the schema, or upgrades it to this library's version, idempotently; safe to call on every start and
     * from several processes at once (serialised by a warehouse lock).
     *
     * @throws WarehouseException when the stored schema is newer than this library, or the stored reporting zone
     *                            differs from the configured one
     */
    public SchemaChange init() {
        return new Schema(this).migrate();
    }

    /** The schema version stored in the warehouse, 0 before {@link #init()}. */
    public int schemaVersion() {
        return new Schema(this).currentVersion();
    }

    /** The dialect of this warehouse's database. */
    public Dialect dialect() {
        return dialect;
    }

    /** The configuration this warehouse was built with. */
    public WarehouseConfig config() {
        return config;
    }

    /** The reporting calendar (zone of business days). */
    public ReportingCalendar calendar() {
        return config.calendar();
    }

    /** The physical name of table {@code name} in {@code layer}, after namespace and layer mapping. */
    public TableName table(Layer layer, String name) {
        return dialect.table(config.namespace(), config.schema(), layer, name);
    }

    /**
     * Renders a SQL template in the one template language ({@link SqlRenderer}): {@code ${raw:orders}} becomes a
     * table name ({@link #table}), {@code ${type:timestamp}} a dialect type, {@code {{date_trunc(month, d)}}} and the
     * other macros the dialect's SQL. Statements created through {@link #withHandle} render by themselves.
     */
    public String render(String sqlTemplate) {
        return renderer.render(sqlTemplate);
    }

    /**
     * Renders a SQL template with the caller's defines: fragments ({@code {{name}}}, text) and macros
     * ({@link dev.bookstore.model.sql.SqlMacro}) by name.
     */
    public String render(String sqlTemplate, Map<String, ?> defines) {
        return renderer.render(sqlTemplate, defines);
    }

    // ---------------------------------------------------------------- the way in: Jdbi callbacks

    /**
     * Runs {@code callback} with a Jdbi handle that is closed afterwards, and returns its result: the one way in
     * for queries and small writes. Values are bound by name ({@code :name}); {@code Instant}s bind and map as UTC
     * ({@link UtcTimestamps}). Database errors become a {@link NotReadyException} when a table, view or schema is
     * missing, else a {@link WarehouseException}, whose {@link WarehouseException#statement() statement} is the
     * statement's {@code statement} attribute when one was defined ({@code .define("statement", "load_log.insert")});
     * the callback's own exceptions pass through unchanged.
     *
     * <pre>{@code
     * long orders = wh.withHandle(h -> h.createQuery(wh.render("SELECT count(*) FROM ${raw:orders} WHERE status = :s"))
     *         .bind("s", "shipped").mapTo(Long.class).one());
     * }</pre>
     *
     * @param <R> the result type
     * @param <X> the exception the callback may throw
     */
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw failure(e);
        }
    }

    /**
     * Runs {@code callback} in a transaction: committed when it returns, rolled back when it throws. Otherwise as
     * {@link #withHandle}.
     *
     * @param <R> the result type
     * @param <X> the exception the callback may throw
     */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw failure(e);
        }
    }

    // ---------------------------------------------------------------- raw JDBC for the SDK's bulk paths

    /**
     * A JDBC connection callback, for {@link #withConnection}.
     *
     * @param <R> the result type
     */
    @Beta
    @FunctionalInterface
    public interface ConnectionCallback<R> {
        /** Uses the connection; it is closed afterwards. */
        R apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code callback} on a pooled JDBC connection: raw JDBC for the SDK's own bulk paths (Appender,
     * {@code COPY}, {@code LOAD DATA}, the model builder's DDL); use {@link #withHandle} instead. SQL errors become a
     * {@link NotReadyException} when a table, view or schema is missing
     * ({@link DialectRuntime#isMissingRelation}), else a {@link WarehouseException}.
     */
    @Beta
    public <R> R withConnection(ConnectionCallback<R> callback) {
        try (Connection c = dataSource.getConnection()) {
            return callback.apply(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * As {@link #withConnection}, with auto-commit off: commits on return, rolls back on failure (statement by
     * statement, without a transaction, where the dialect does not {@link Dialect#supportsTransactions() support}
     * them).
     */
    @Beta
    public <R> R inJdbcTransaction(ConnectionCallback<R> callback) {
        return withConnection(c -> dialect.supportsTransactions() ? inTransaction(c, callback) : callback.apply(c));
    }

    /**
     * Runs {@code work} on the caller's {@code connection} as one transaction: auto-commit off, commit when it
     * returns, roll back when it throws (the rollback's own failure is added as suppressed), and the connection's
     * auto-commit mode restored in every case.
     */
    @Beta
    public static <R> R inTransaction(Connection connection, ConnectionCallback<R> work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            R result = work.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /**
     * Runs {@code callback} with a Jdbi handle on the caller's {@code connection}, inside whatever transaction it is
     * in (a metadata record written with the rows of a bulk load, say); the connection is neither committed nor
     * closed. Binding, mapping and errors as {@link #withHandle}.
     */
    @Beta
    public <R, X extends Exception> R withHandle(Connection connection, HandleCallback<R, X> callback) throws X {
        Jdbi onConnection = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connection;
            }

            @Override
            public void closeConnection(Connection toClose) {
                // the caller's connection: the caller closes it
            }
        }).installPlugin(UtcTimestamps.plugin());
        onConnection.getConfig(Handles.class).setForceEndTransactions(false);
        try {
            return onConnection.withHandle(callback);
        } catch (JdbiException e) {
            throw failure(e);
        }
    }

    /** The kind of error {@code e} is: not ready when a relation is missing, else a database failure. */
    BookstoreException failure(SQLException e) {
        String message = "database error on " + description + ": " + e.getMessage();
        if (dialect.runtime().isMissingRelation(e)) {
            return new NotReadyException(message + " (a table or view is missing: run Warehouse.init(), then "
                    + "build the marts with Transform)", e);
        }
        return new WarehouseException(message, e);
    }

    /** A Jdbi failure as {@link #failure(SQLException)} says, keeping the statement's name when it has one. */
    private BookstoreException failure(JdbiException e) {
        Optional<String> statement = e instanceof StatementException se && se.getStatementContext() != null
                ? Optional.ofNullable(se.getStatementContext().getAttribute("statement")).map(Object::toString)
                : Optional.empty();
        String message = "database error on " + description + statement.map(n -> " in " + n).orElse("") + ": "
                + (e.getCause() instanceof SQLException sql ? sql.getMessage() : e.getMessage());
        if (e.getCause() instanceof SQLException sql && dialect.runtime().isMissingRelation(sql)) {
            return new NotReadyException(message + " (a table or view is missing: run Warehouse.init(), then "
                    + "build the marts with Transform)", e);
        }
        return statement.isPresent() ? new WarehouseException(message, statement.get(), e)
                : new WarehouseException(message, e);
    }

    /** The Jdbi instance over this warehouse's data source. */
    Jdbi jdbi() {
        return jdbi;
    }

    /** The data source behind this warehouse (the pool it owns, or the caller's). */
    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Acquires the named warehouse lock, excluding holders in this and other JVMs, waiting up to {@code wait}.
     *
     * @throws WarehouseException when it is not had within {@code wait}
     */
    public WarehouseLock lock(String name, Duration wait) {
        return tryLock(name, wait).orElseThrow(() -> new WarehouseException("lock '" + name + "' on " + description
                + " is held by another run; gave up after " + wait.toMillis() + " ms"));
    }

    /** Tries to acquire the named warehouse lock within {@code wait}; empty when another holder keeps it. */
    public Optional<WarehouseLock> tryLock(String name, Duration wait) {
        try {
            return dialect.runtime().tryLock(lockSource, lockScope(), name, wait);
        } catch (SQLException e) {
            throw new WarehouseException("lock '" + name + "' on " + description + " failed: " + e.getMessage(), e);
        }
    }

    private String lockScope() {
        return description + "|" + config.namespace() + "|" + config.schema().orElse("");
    }

    /** Closes the pool this warehouse owns (a caller's DataSource is left open). */
    @Override
    public void close() {
        if (ownedPool.isPresent()) {
            HikariDataSource pool = ownedPool.get();
            if (shutdownOnClose && !pool.isClosed()) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    LOG.debug("in-memory H2 shutdown failed", e);
                }
            }
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "Warehouse[" + dialect.name() + " " + description + ", namespace '" + config.namespace() + "']";
    }

    String description() {
        return description;
    }
}
