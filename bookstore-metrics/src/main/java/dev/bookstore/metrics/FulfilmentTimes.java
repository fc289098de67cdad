package dev.bookstore.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * How long the orders of a date range took to ship and arrive, in days ({@link Metrics#fulfilment}). An order is on
 * a leg when it has the leg's end date (cancelled orders are not orders).
 *
 * <pre>{@code
 * FulfilmentTimes f = metrics.fulfilment(q4);
 * double p90 = f.orderToDelivered().map(FulfilmentTimes.Leg::p90Days).orElse(0.0);
 * }</pre>
 *
 * @param orders orders placed in the range
 * @param orderToShipped order day → ship day, for shipped orders
 * @param shippedToDelivered ship day → delivery day, for delivered orders
 * @param orderToDelivered order day → delivery day, for delivered orders
 */
public record FulfilmentTimes(long orders, Optional<Leg> orderToShipped, Optional<Leg> shippedToDelivered,
                              Optional<Leg> orderToDelivered) {
    /** Validates the fields. */
    public FulfilmentTimes {
        Objects.requireNonNull(orderToShipped, "orderToShipped");
        Objects.requireNonNull(shippedToDelivered, "shippedToDelivered");
        Objects.requireNonNull(orderToDelivered, "orderToDelivered");
    }

    /**
     * The days one leg took.
     *
     * @param orders orders on the leg
     * @param averageDays mean days
     * @param medianDays median days (interpolated, as {@code PERCENTILE_CONT})
     * @param p90Days 90th percentile of days (interpolated)
     */
    public record Leg(long orders, double averageDays, double medianDays, double p90Days) {
    }
}
