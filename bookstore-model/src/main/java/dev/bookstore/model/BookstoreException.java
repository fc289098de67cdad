package dev.bookstore.model;

/**
 * The one unchecked root of every error Bookstore Analytics throws; its message says what went wrong, where
 * (file, line, option, table) and what would be valid.
 */
public class BookstoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message meant for the user. */
    public BookstoreException(String message) {
        super(message);
    }

    /** An error with a message meant for the user and the low-level cause. */
    public BookstoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
