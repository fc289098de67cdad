package dev.bookstore.etl;

import dev.bookstore.model.InvalidArgumentException;

/** A source cannot be read at all (missing column, not UTF-8, broken CSV quoting); the message names the file. */
final class InputException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
