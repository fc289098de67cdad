package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The orders of a date range split by who placed them ({@link Metrics#newVsReturning}): new customers, whose
 * first order ever falls in the range; returning customers, who had ordered before the range; guests. Every order
 * of a customer in the range falls in the customer's one segment.
 *
 * <pre>{@code
 * NewVsReturning split = metrics.newVsReturning(q4);
 * BigDecimal fromNew = split.newCustomers().grossRevenue();
 * }</pre>
 *
 * @param newCustomers customers acquired in the range
 * @param returningCustomers customers acquired before it
 * @param guests orders without a customer
 */
public record NewVsReturning(SegmentSales newCustomers, SegmentSales returningCustomers, SegmentSales guests) {
    /** Validates the fields. */
    public NewVsReturning {
        Objects.requireNonNull(newCustomers, "newCustomers");
        Objects.requireNonNull(returningCustomers, "returningCustomers");
        Objects.requireNonNull(guests, "guests");
    }

    /** The share of the range's gross revenue that came from new customers, 0..1. */
    public double newCustomerRevenueShare() {
        BigDecimal total = newCustomers.grossRevenue().add(returningCustomers.grossRevenue())
                .add(guests.grossRevenue());
        return total.signum() == 0 ? 0.0 : newCustomers.grossRevenue().doubleValue() / total.doubleValue();
    }
}
