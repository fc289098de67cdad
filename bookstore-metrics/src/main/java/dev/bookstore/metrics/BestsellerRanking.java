package dev.bookstore.metrics;

/**
 * What ranks the {@link Metrics#bestsellers bestsellers}.
 *
 * <pre>{@code
 * List<ProductSales> top = metrics.bestsellers(q4, 10, BestsellerRanking.UNITS);
 * }</pre>
 */
public enum BestsellerRanking {
    /** Gross revenue, then units, then product id. */
    REVENUE,
    /** Units sold, then gross revenue, then product id. */
    UNITS
}
