package dev.bookstore.metrics;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A retention cohort ({@link Metrics#retention}): the customers whose first order was in one month, and how many of
 * them ordered again in each later calendar month, up to the month of the latest order in the warehouse. Month 0
 * is the acquisition month itself (100%).
 *
 * <pre>{@code
 * RetentionCohort october = metrics.retention(q4).get(0);
 * double secondMonth = october.points().get(1).rate();
 * }</pre>
 *
 * @param cohort the month of the cohort's first orders
 * @param customers customers in the cohort
 * @param points one per month since acquisition, from 0
 */
public record RetentionCohort(YearMonth cohort, long customers, List<Point> points) {
    /** Validates and copies the fields. */
    public RetentionCohort {
        Objects.requireNonNull(cohort, "cohort");
        points = List.copyOf(points);
    }

    /**
     * The cohort's customers active in one month since acquisition.
     *
     * @param monthsSince months after the cohort's month (0 = the month itself)
     * @param activeCustomers cohort customers with an order in that month
     * @param rate activeCustomers ÷ the cohort's customers
     */
    public record Point(int monthsSince, long activeCustomers, double rate) {
    }
}
