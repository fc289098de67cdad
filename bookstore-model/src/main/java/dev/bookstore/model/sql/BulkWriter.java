package dev.bookstore.model.sql;

/**
 * The fastest way a database offers to append many rows to one table: the DuckDB Appender, PostgreSQL
 * {@code COPY}, MariaDB multi-row inserts, or batched inserts (H2). Obtained from {@link DialectRuntime#bulkWriter}; it writes on the caller's connection
 * and inside the caller's transaction, so the caller decides when the rows become visible.
 *
 * <p>Values are given in the column order passed to {@code bulkWriter}, as {@code String}, {@code Integer},
 * {@code Long}, {@code Double}, {@code java.math.BigDecimal}, {@code Boolean}, {@code java.time.LocalDate},
 * {@code java.time.Instant} (stored as a UTC timestamp), {@code java.time.LocalDateTime}, or
 * {@link java.util.Optional} of one of these; {@code null} and {@code Optional.empty()} are SQL {@code NULL}.
 * Not thread-safe.
 *
 * <pre>{@code
 * try (BulkWriter w = dialect.runtime().bulkWriter(connection, table, List.of("id", "amount"))) {
 *     w.row("A1", new BigDecimal("9.99"));
 *     w.finish();
 * }
 * }</pre>
 */
public interface BulkWriter extends AutoCloseable {
    /** Appends one row; values in column order. */
    void row(Object... values);

    /** Sends every buffered row to the database; returns how many rows this writer has written in all. */
    long finish();

    /** Releases the writer; rows not yet {@link #finish() finished} may be discarded. */
    @Override
    void close();
}
