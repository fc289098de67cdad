package dev.bookstore.model.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The runtime half of a {@link Dialect}: what it does over live JDBC connections — bulk writers, the cross-JVM
 * warehouse lock and catalog look-ups. A dialect's {@link Dialect#runtime()} returns one; SQL text stays in the
 * dialect.
 *
 * <p>A new dialect's runtime extends this class and implements {@link #tryLock}, usually with one of the two
 * mechanisms provided ({@link #fileLock} for embedded databases, {@link #sessionLock} for a server's session-level
 * lock functions). The defaults are portable JDBC: batched parameterised inserts for {@link #bulkWriter} and an
 * {@code information_schema.tables} query for {@link #relationKind}. Stateless and thread-safe; every method works
 * on the caller's connection and inside its current transaction.
 *
 * <pre>{@code
 * DialectRuntime runtime = warehouse.dialect().runtime();
 * try (BulkWriter w = runtime.bulkWriter(connection, table, List.of("id", "amount"))) {
 *     w.row("A1", new BigDecimal("9.99"));
 *     w.finish();
 * }
 * }</pre>
 */
public abstract class DialectRuntime {
    private static final int DEFAULT_BATCH = 1_000;

    private final Dialect dialect;

    /** The runtime of {@code dialect}. */
    protected DialectRuntime(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** The dialect whose SQL this runtime writes. */
    public final Dialect dialect() {
        return dialect;
    }

    // ---------------------------------------------------------------- connections

    /**
     * The data source the warehouse takes its connections from: {@code dataSource} itself, except on databases
     * whose connections need adapting (Trino: kept in auto-commit mode, in which alone its connectors write).
     */
    public DataSource connections(DataSource dataSource) {
        return dataSource;
    }

    // ---------------------------------------------------------------- bulk loads

    /**
     * A writer appending rows to {@code table} on {@code connection} in the database's fastest way, within the
     * connection's current transaction. By default batched parameterised inserts.
     */
    public BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns) throws SQLException {
        return new BatchInsertWriter(connection, table, columns, DEFAULT_BATCH);
    }

    /**
     * A writer for one large load (say a million rows of a file) into {@code table}, on {@code connection} and
     * within its current transaction, favouring throughput: rows may be spooled (to a temporary file, then loaded
     * with DuckDB's parallel {@code COPY} or MariaDB's {@code LOAD DATA LOCAL INFILE}) and are certain to be in the
     * table only after {@link BulkWriter#finish()}. The same values as {@link #bulkWriter} are accepted; the
     * default is {@link #bulkWriter}.
     */
    public BulkWriter largeBulkWriter(Connection connection, TableName table, List<String> columns)
            throws SQLException {
        return bulkWriter(connection, table, columns);
    }

    // ---------------------------------------------------------------- catalog

    /**
     * What {@code name} is in the database the connection is on: a table, a view, or empty when there is none. By
     * default looked up in {@code information_schema.tables}, case-insensitively, in the named schema or the
     * connection's {@link Dialect#currentSchemaFunction() current one}.
     */
    public Optional<RelationKind> relationKind(Connection connection, TableName name) throws SQLException {
        String sql = "SELECT table_type FROM information_schema.tables WHERE UPPER(table_schema) = UPPER("
                + (name.schema().isPresent() ? "?" : dialect.currentSchemaFunction())
                + ") AND UPPER(table_name) = UPPER(?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            if (name.schema().isPresent()) {
                ps.setString(i++, name.schema().get());
            }
            ps.setString(i, name.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(rs.getString(1).toUpperCase(Locale.ROOT).contains("VIEW")
                        ? RelationKind.VIEW : RelationKind.TABLE);
            }
        }
    }

    // ---------------------------------------------------------------- errors

    /**
     * Whether {@code error} (or a cause of it) says that a table, view or schema the statement reads does not
     * exist — the warehouse is not built yet — rather than any other failure (a refused connection, a syntax
     * error). By default SQLSTATE {@code 42P01} (PostgreSQL's undefined table) or {@code 42S02} (base table or
     * view not found, as MariaDB reports it).
     */
    public boolean isMissingRelation(SQLException error) {
        return causes(error).anyMatch(t -> t instanceof SQLException s
                && ("42P01".equals(s.getSQLState()) || "42S02".equals(s.getSQLState())
                || "3F000".equals(s.getSQLState())));
    }

    /** {@code error} and its causes, outermost first, for {@link #isMissingRelation} implementations. */
    protected static Stream<Throwable> causes(SQLException error) {
        return Stream.iterate((Throwable) error, Objects::nonNull, Throwable::getCause);
    }

    // ---------------------------------------------------------------- locks

    /**
     * Acquires a named lock that excludes other holders in this and other JVMs, waiting up to {@code wait}.
     *
     * @param dataSource where to take a connection for the lock's lifetime (server databases)
     * @param scope identifies the database and namespace, so that locks of different warehouses never collide
     * @param name the lock's name
     * @return the held lock, or empty when it could not be had within {@code wait}
     */
    public abstract Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait)
            throws SQLException;

    /**
     * A lock excluding threads of this JVM and other JVMs on this machine (an OS file lock under
     * {@code java.io.tmpdir/bookstore-locks}): right for embedded databases, which one machine opens.
     */
    protected static Optional<WarehouseLock> fileLock(String scope, String name, Duration wait) {
        return Locks.fileLock(scope, name, wait);
    }

    /**
     * A lock held by a server's session-level lock functions on a connection kept for the lock's lifetime.
     *
     * @param key the lock's key in the database, bound as the one parameter of both statements
     * @param tryAcquireSql a query returning 1 when the lock was acquired without waiting, e.g.
     *                      {@code SELECT GET_LOCK(?, 0)}
     * @param releaseSql a query releasing it, e.g. {@code SELECT RELEASE_LOCK(?)}
     */
    protected static Optional<WarehouseLock> sessionLock(DataSource dataSource, Object key, String name,
                                                         Duration wait, String tryAcquireSql, String releaseSql)
            throws SQLException {
        return Locks.sessionLock(dataSource, key, name, wait, tryAcquireSql, releaseSql);
    }

    /** A SHA-256 hex digest of {@code scope} and {@code name}: a key that differs between warehouses. */
    protected static String lockDigest(String scope, String name) {
        return Locks.digest(scope, name);
    }
}
