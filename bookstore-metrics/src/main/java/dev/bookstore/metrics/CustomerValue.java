package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's historical lifetime value: everything they ordered up to a day ({@link Metrics#lifetimeValues}).
 *
 * <pre>{@code
 * CustomerValue best = metrics.lifetimeValues(LocalDate.parse("2025-12-31")).get(0);
 * }</pre>
 *
 * @param customerId the customer
 * @param firstOrderDate the day of their first order
 * @param lastOrderDate the day of their last order
 * @param orders their orders
 * @param grossRevenue gross revenue of their orders (the lifetime value)
 * @param netRevenue net revenue of their orders (returns subtracted)
 */
public record CustomerValue(String customerId, LocalDate firstOrderDate, LocalDate lastOrderDate, long orders,
                            BigDecimal grossRevenue, BigDecimal netRevenue) {
    /** Validates the fields. */
    public CustomerValue {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(firstOrderDate, "firstOrderDate");
        Objects.requireNonNull(lastOrderDate, "lastOrderDate");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }

    /** Gross revenue per order, to the penny. */
    public Optional<BigDecimal> averageOrderValue() {
        return Money.average(grossRevenue, orders);
    }
}
