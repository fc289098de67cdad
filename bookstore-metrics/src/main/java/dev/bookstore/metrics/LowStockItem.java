package dev.bookstore.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * A product running low on stock ({@link Metrics#lowStock}).
 *
 * <pre>{@code
 * for (LowStockItem i : metrics.lowStock(LocalDate.parse("2025-12-31"), LowStockRule.defaults())) {
 *     System.out.println(i.productId() + " " + i.stock() + " " + i.daysOfCover().map(d -> d + " days").orElse("-"));
 * }
 * }</pre>
 *
 * @param productId the product
 * @param title its title
 * @param category its category
 * @param stock units in stock
 * @param unitsSold units sold in the velocity window
 * @param velocityDays the window's length in days
 */
public record LowStockItem(String productId, String title, String category, long stock, long unitsSold,
                           int velocityDays) {
    /** Validates the fields. */
    public LowStockItem {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
    }

    /** Units sold per day in the window. */
    public double dailyVelocity() {
        return (double) unitsSold / velocityDays;
    }

    /** Days the stock lasts at that velocity; empty when nothing sold. */
    public Optional<Double> daysOfCover() {
        return unitsSold == 0 ? Optional.empty() : Optional.of((double) stock * velocityDays / unitsSold);
    }
}
