package dev.bookstore.model;

/**
 * The connected database is not one Bookstore Analytics supports (DuckDB, PostgreSQL, MariaDB, H2), or lacks a
 * capability it needs; the message names the database and what is missing.
 */
public class UnsupportedDatabaseException extends WarehouseException {
    private static final long serialVersionUID = 1L;

    /** A database we cannot work with, described for the user. */
    public UnsupportedDatabaseException(String message) {
        super(message);
    }
}
