package dev.bookstore.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The caller's mistake: a parameter, option or input that is not valid. The message names it and says what would
 * be valid, e.g. {@code limit must be between 1 and 1000, was 0}. Modules may refine it (ingest's unreadable
 * source file is one).
 *
 * <pre>{@code
 * if (limit < 1) {
 *     throw new InvalidArgumentException("limit", "limit must be at least 1, was " + limit);
 * }
 * }</pre>
 */
public non-sealed class InvalidArgumentException extends BookstoreException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    /** A mistake described by {@code message}, which names what is wrong and what is valid. */
    public InvalidArgumentException(String message) {
        super(message);
        this.parameter = null;
    }

    /** A mistake with the low-level cause (e.g. a parse error). */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
        this.parameter = null;
    }

    /** A mistake in parameter or option {@code parameter}, described by {@code message}. */
    public InvalidArgumentException(String parameter, String message) {
        super(message);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    private InvalidArgumentException(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    /** The parameter or option at fault, when one was named. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    @Override
    public InvalidArgumentException withContext(String context) {
        return new InvalidArgumentException(parameter, contextual(context), this);
    }
}
