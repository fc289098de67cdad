package dev.bookstore.model;

import java.util.Objects;

/**
 * An id that does not exist in the warehouse, e.g. an unknown customer. The message names the kind of thing and
 * the id, and where it was looked for.
 *
 * <pre>{@code
 * throw new NotFoundException("customer", "CUST_9", "no customer 'CUST_9' in marts.dim_customers");
 * }</pre>
 */
public final class NotFoundException extends BookstoreException {
    private static final long serialVersionUID = 1L;
    private final String entity;
    private final String id;

    /**
     * {@code entity} (e.g. {@code customer}) {@code id} was not found, described by {@code message}.
     */
    public NotFoundException(String entity, String id, String message) {
        super(message);
        this.entity = Objects.requireNonNull(entity, "entity");
        this.id = Objects.requireNonNull(id, "id");
    }

    private NotFoundException(String entity, String id, String message, Throwable cause) {
        super(message, cause);
        this.entity = entity;
        this.id = id;
    }

    /** What kind of thing was looked for, e.g. {@code customer}. */
    public String entity() {
        return entity;
    }

    /** The id that was not found. */
    public String id() {
        return id;
    }

    @Override
    public NotFoundException withContext(String context) {
        return new NotFoundException(entity, id, contextual(context), this);
    }
}
