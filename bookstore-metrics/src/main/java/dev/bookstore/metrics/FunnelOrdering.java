package dev.bookstore.metrics;

/**
 * What may happen between two consecutive steps of a {@link Funnel}. Whatever the ordering, each step must come
 * strictly later than the one before it (events with the same timestamp are not ordered, so they never follow each
 * other) and within the funnel's window of the first step; events of types that are not steps of the funnel never
 * matter.
 *
 * <pre>{@code
 * Funnel strict = Funnel.of(PRODUCT_VIEW, ADD_TO_CART, PURCHASE).ordering(FunnelOrdering.STRICT);
 * }</pre>
 */
public enum FunnelOrdering {
    /**
     * Any other events may come between two steps (ClickHouse {@code windowFunnel} with {@code 'strict_increase'}).
     * View, search, view, cart reaches view → cart.
     */
    LOOSE,
    /**
     * After step k, the next event of any funnel step type must be step k+1, except that step k itself may repeat
     * (ClickHouse {@code 'strict_order'}, which also lets the current step repeat): view, view, cart reaches
     * view → cart; view, checkout, cart stops at view.
     */
    STRICT,
    /**
     * A repeat of step k before step k+1 stops the chain; other events may come between (ClickHouse
     * {@code 'strict_deduplication'}): view, view, cart stops at view; view, search, cart reaches view → cart.
     */
    DEDUPLICATED
}
