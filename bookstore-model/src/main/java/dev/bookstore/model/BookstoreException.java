package dev.bookstore.model;

/**
 * The one unchecked root of every error Bookstore Analytics throws, closed to four kinds that say what the caller
 * can do about it; the message says what went wrong, where (file, line, option, parameter, table) and what would be
 * valid.
 *
 * <ul>
 *   <li>{@link InvalidArgumentException}: the caller's mistake — a bad parameter, option or input file; the
 *       message names it and what is valid (an HTTP service answers 400);</li>
 *   <li>{@link NotFoundException}: an id that does not exist, e.g. an unknown customer (404);</li>
 *   <li>{@link NotReadyException}: something the call needs has not been built yet — marts, a trained model — and
 *       the message says what to run (503);</li>
 *   <li>{@link WarehouseException}: a database or I/O failure, e.g. connection refused; keeps the cause and the
 *       name of the SQL statement that failed (503 or 500).</li>
 * </ul>
 *
 * <p>Adding context never loses the kind: {@link #withContext} returns an exception of the same kind whose
 * message starts with the context and whose cause is this one.
 *
 * <pre>{@code
 * try {
 *     metrics.topProducts(range, limit);
 * } catch (InvalidArgumentException e) {
 *     return badRequest(e.getMessage());
 * } catch (NotReadyException e) {
 *     return unavailable(e.getMessage());     // "marts are missing ...: build them first with Transform"
 * }
 * }</pre>
 */
public abstract sealed class BookstoreException extends RuntimeException
        permits InvalidArgumentException, NotFoundException, NotReadyException, WarehouseException {
    private static final long serialVersionUID = 1L;

    BookstoreException(String message) {
        super(message);
    }

    BookstoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An exception of the same kind saying {@code context + ": " + getMessage()}, with this one as its cause (and
     * the same statement name, parameter or id where the kind has one).
     */
    public abstract BookstoreException withContext(String context);

    String contextual(String context) {
        return context + ": " + getMessage();
    }
}
