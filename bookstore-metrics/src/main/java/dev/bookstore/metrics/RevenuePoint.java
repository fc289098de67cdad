package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Revenue and orders of one period of a time series ({@link Metrics#revenue}).
 *
 * <pre>{@code
 * for (RevenuePoint p : metrics.revenue(q4, Granularity.MONTH)) {
 *     System.out.println(p.periodStart() + " " + p.grossRevenue() + " " + p.orders());
 * }
 * }</pre>
 *
 * @param periodStart the first day of the period (it may be before the range's first day; only days in the range
 *                    count)
 * @param orders orders placed in the period
 * @param items units on valid sale lines
 * @param grossRevenue gross revenue
 * @param netRevenue net revenue (gross minus returns and cancellations)
 */
public record RevenuePoint(LocalDate periodStart, long orders, long items, BigDecimal grossRevenue,
                           BigDecimal netRevenue) {
    /** Validates the fields. */
    public RevenuePoint {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }

    /** Gross revenue per order, to the penny (half-even); empty without orders. */
    public Optional<BigDecimal> averageOrderValue() {
        return Money.average(grossRevenue, orders);
    }
}
