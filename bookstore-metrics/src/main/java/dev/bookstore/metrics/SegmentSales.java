package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The orders of one group of buyers in a date range (see {@link NewVsReturning}).
 *
 * <pre>{@code
 * SegmentSales fresh = metrics.newVsReturning(q4).newCustomers();
 * }</pre>
 *
 * @param customers distinct registered customers (0 for guests)
 * @param orders their orders
 * @param grossRevenue gross revenue of those orders
 * @param netRevenue net revenue of those orders (their returns subtracted)
 */
public record SegmentSales(long customers, long orders, BigDecimal grossRevenue, BigDecimal netRevenue) {
    /** No orders at all. */
    public static final SegmentSales NONE = new SegmentSales(0, 0, Money.ZERO, Money.ZERO);

    /** Validates the fields. */
    public SegmentSales {
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }

    /** Gross revenue per order, to the penny; empty without orders. */
    public Optional<BigDecimal> averageOrderValue() {
        return Money.average(grossRevenue, orders);
    }
}
