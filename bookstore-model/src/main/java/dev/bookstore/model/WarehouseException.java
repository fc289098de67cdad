package dev.bookstore.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A database or I/O failure: the warehouse could not be reached, set up, queried or written, or a file could not
 * be used. The message names the database and the operation; the JDBC or I/O exception is the
 * {@linkplain #getCause() cause}, and {@link #statement()} names the SQL statement that failed when one did (the
 * {@code .sql} resource or the log store's statement name, never its text or its values). Modules refine it for
 * failed runs (a transform or pipeline run) and unusable model files.
 *
 * <pre>{@code
 * throw new WarehouseException("metric 'revenue' failed on postgresql: connection refused", "revenue", e);
 * }</pre>
 */
public non-sealed class WarehouseException extends BookstoreException {
    private static final long serialVersionUID = 1L;
    private final String statement;

    /** A failure described for the user. */
    public WarehouseException(String message) {
        super(message);
        this.statement = null;
    }

    /** A failure described for the user, with its JDBC or I/O cause. */
    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
        this.statement = null;
    }

    /** A failure of SQL statement {@code statement} (its name), described for the user, with its cause. */
    public WarehouseException(String message, String statement, Throwable cause) {
        super(message, cause);
        this.statement = Objects.requireNonNull(statement, "statement");
    }

    /** The name of the SQL statement that failed, when a statement did. */
    public Optional<String> statement() {
        return Optional.ofNullable(statement);
    }

    @Override
    public WarehouseException withContext(String context) {
        return statement == null ? new WarehouseException(contextual(context), this)
                : new WarehouseException(contextual(context), statement, this);
    }
}
