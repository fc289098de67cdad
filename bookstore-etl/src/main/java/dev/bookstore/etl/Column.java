package dev.bookstore.etl;

/**
 * One input column (CSV header name or JSON key) of a source format.
 *
 * @param name the name in the input, lower-case
 * @param required whether a file without this column is refused (values may still be checked per row)
 * @param maxLength the longest text accepted (the warehouse column's width); 0 for non-text values
 */
record Column(String name, boolean required, int maxLength) {
    static Column required(String name, int maxLength) {
        return new Column(name, true, maxLength);
    }

    static Column optional(String name, int maxLength) {
        return new Column(name, false, maxLength);
    }
}
