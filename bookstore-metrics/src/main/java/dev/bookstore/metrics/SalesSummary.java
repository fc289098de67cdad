package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The sales totals of a date range ({@link Metrics#sales}).
 *
 * <pre>{@code
 * SalesSummary q4 = metrics.sales(DateRange.of(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-12-31")));
 * BigDecimal aov = q4.averageOrderValue().orElse(BigDecimal.ZERO);
 * }</pre>
 *
 * @param range the days covered
 * @param orders orders (distinct order ids with a valid sale line)
 * @param customers distinct registered customers who ordered
 * @param items units on valid sale lines
 * @param grossRevenue Σ quantity × unit price over valid sale lines
 * @param returnedAmount gross revenue of valid lines of returned orders
 * @param cancelledAmount Σ |quantity| × unit price over cancellation lines
 * @param netRevenue gross − returned − cancelled
 */
public record SalesSummary(DateRange range, long orders, long customers, long items, BigDecimal grossRevenue,
                           BigDecimal returnedAmount, BigDecimal cancelledAmount, BigDecimal netRevenue) {
    /** Validates the fields. */
    public SalesSummary {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(returnedAmount, "returnedAmount");
        Objects.requireNonNull(cancelledAmount, "cancelledAmount");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }

    /** Gross revenue per order, to the penny (half-even); empty without orders. */
    public Optional<BigDecimal> averageOrderValue() {
        return Money.average(grossRevenue, orders);
    }
}
