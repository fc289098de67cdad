package dev.bookstore.model;

/**
 * A database-level failure: the warehouse could not be reached, set up or queried. The message names the
 * database and the operation; the JDBC exception is the cause.
 */
public class WarehouseException extends BookstoreException {
    private static final long serialVersionUID = 1L;

    /** A failure described for the user. */
    public WarehouseException(String message) {
        super(message);
    }

    /** A failure described for the user, with its JDBC cause. */
    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
