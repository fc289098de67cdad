package dev.bookstore.model;

/**
 * Something the call needs has not been built yet: the schema, the marts, a trained model. The message says what
 * is missing and what to run, e.g. {@code marts are missing (marts.fct_orders): build them first with Transform}.
 * Retrying after that run succeeds.
 *
 * <pre>{@code
 * try {
 *     metrics.revenue(range);
 * } catch (NotReadyException e) {
 *     Transform.on(warehouse).run();
 * }
 * }</pre>
 */
public final class NotReadyException extends BookstoreException {
    private static final long serialVersionUID = 1L;

    /** What is missing and what to run. */
    public NotReadyException(String message) {
        super(message);
    }

    /** What is missing and what to run, with the low-level cause (e.g. the database's "no such table"). */
    public NotReadyException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public NotReadyException withContext(String context) {
        return new NotReadyException(contextual(context), this);
    }
}
