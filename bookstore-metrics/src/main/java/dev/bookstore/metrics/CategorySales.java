package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Revenue of one product category, or of one subcategory within it, in a date range
 * ({@link Metrics#revenueByCategory}, {@link Metrics#revenueBySubcategory}).
 *
 * <pre>{@code
 * for (CategorySales c : metrics.revenueByCategory(q4)) {
 *     System.out.printf("%s %s %.1f%%%n", c.category(), c.grossRevenue(), 100 * c.share());
 * }
 * }</pre>
 *
 * @param category the category ({@value Metrics#UNKNOWN} for products without one)
 * @param subcategory the subcategory, or {@value Metrics#ALL} in the per-category list
 * @param orders orders with a valid sale line of the group
 * @param units units on valid sale lines
 * @param grossRevenue gross revenue
 * @param netRevenue net revenue (returns and cancellations of the group's products subtracted)
 * @param share this group's part of the range's gross revenue, 0..1
 */
public record CategorySales(String category, String subcategory, long orders, long units, BigDecimal grossRevenue,
                            BigDecimal netRevenue, double share) {
    /** Validates the fields. */
    public CategorySales {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subcategory, "subcategory");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }
}
