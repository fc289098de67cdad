package dev.bookstore.metrics;

/**
 * What a {@link Funnel} counts and follows: a user's events across sessions, or each session's own.
 *
 * <pre>{@code
 * Funnel perSession = Funnel.of(PRODUCT_VIEW, ADD_TO_CART, CHECKOUT, PURCHASE).scope(FunnelScope.SESSION);
 * }</pre>
 */
public enum FunnelScope {
    /** Users: a chain may span sessions (bounded by the window), and each user counts once per step. */
    USER,
    /** Sessions (30 minutes of inactivity end one): a chain stays in its session; each session counts once. */
    SESSION
}
