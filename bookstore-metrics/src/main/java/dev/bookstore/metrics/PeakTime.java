package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Objects;

/**
 * Orders placed in one hour of one day of the week, in the reporting zone's wall-clock time
 * ({@link Metrics#peakTimes}).
 *
 * <pre>{@code
 * PeakTime busiest = metrics.peakTimes(q4).stream()
 *         .max(Comparator.comparingLong(PeakTime::orders)).orElseThrow();
 * }</pre>
 *
 * @param dayOfWeek the day of the week of the order's business day
 * @param hour the hour of the day, 0..23
 * @param orders orders placed then
 * @param grossRevenue their gross revenue
 */
public record PeakTime(DayOfWeek dayOfWeek, int hour, long orders, BigDecimal grossRevenue) {
    /** Validates the fields. */
    public PeakTime {
        Objects.requireNonNull(dayOfWeek, "dayOfWeek");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
    }
}
