package dev.bookstore.metrics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The number of active customers (distinct users with at least one clickstream event) in one calendar period
 * (DAU for days, WAU for weeks, MAU for months; {@link Metrics#activeCustomers}) or in the rolling window ending
 * on one day ({@link Metrics#rollingActiveCustomers}).
 *
 * <pre>{@code
 * List<ActiveCustomers> mau = metrics.activeCustomers(q4, Granularity.MONTH);
 * List<ActiveCustomers> rolling28 = metrics.rollingActiveCustomers(q4, 28);
 * }</pre>
 *
 * @param periodStart the period's first day; for a rolling window, the day it ends on
 * @param windowDays the days counted: the period's days within the range, or the rolling window's length
 * @param customers distinct active users
 */
public record ActiveCustomers(LocalDate periodStart, int windowDays, long customers) {
    /** Validates the fields. */
    public ActiveCustomers {
        Objects.requireNonNull(periodStart, "periodStart");
    }
}
