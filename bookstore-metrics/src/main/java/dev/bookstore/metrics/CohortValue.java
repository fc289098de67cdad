package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A cohort's lifetime value curve ({@link Metrics#cohortLifetimeValue}): the customers whose first order was in one
 * month, and their cumulative gross revenue per customer 0, 1, 2, ... months after it, up to the month of the
 * latest order in the warehouse.
 *
 * <pre>{@code
 * for (CohortValue c : metrics.cohortLifetimeValue(q4)) {
 *     System.out.println(c.cohort() + " " + c.points().get(c.points().size() - 1).revenuePerCustomer());
 * }
 * }</pre>
 *
 * @param cohort the month of the cohort's first orders
 * @param customers customers in the cohort
 * @param points one per month since acquisition, from 0
 */
public record CohortValue(YearMonth cohort, long customers, List<Point> points) {
    /** Validates and copies the fields. */
    public CohortValue {
        Objects.requireNonNull(cohort, "cohort");
        points = List.copyOf(points);
    }

    /**
     * The cohort's cumulative revenue at the end of one month since acquisition.
     *
     * @param monthsSince months after the cohort's month (0 = the month itself)
     * @param cumulativeGrossRevenue the cohort's gross revenue from its first month to this one
     * @param revenuePerCustomer cumulativeGrossRevenue ÷ customers, to the penny
     */
    public record Point(int monthsSince, BigDecimal cumulativeGrossRevenue, BigDecimal revenuePerCustomer) {
        /** Validates the fields. */
        public Point {
            Objects.requireNonNull(cumulativeGrossRevenue, "cumulativeGrossRevenue");
            Objects.requireNonNull(revenuePerCustomer, "revenuePerCustomer");
        }
    }
}
