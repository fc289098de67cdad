package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product's sales in a date range, with its place among the bestsellers ({@link Metrics#bestsellers}).
 *
 * <pre>{@code
 * ProductSales first = metrics.bestsellers(q4, 1, BestsellerRanking.REVENUE).get(0);
 * }</pre>
 *
 * @param rank 1 for the best
 * @param productId the product
 * @param title its title ({@value Metrics#UNKNOWN} when it is not in the catalogue)
 * @param category its category ({@value Metrics#UNKNOWN} when not known)
 * @param subcategory its subcategory within the category ({@value Metrics#UNKNOWN} when not known)
 * @param units units sold on valid sale lines
 * @param orders orders holding it
 * @param grossRevenue its gross revenue
 */
public record ProductSales(int rank, String productId, String title, String category, String subcategory,
                           long units, long orders, BigDecimal grossRevenue) {
    /** Validates the fields. */
    public ProductSales {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subcategory, "subcategory");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
    }
}
