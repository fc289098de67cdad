package dev.bookstore.metrics;

import java.util.Objects;

/**
 * How often monthly users come back daily: average DAU ÷ average MAU over the days of a range
 * ({@link Metrics#stickiness}), where a day's MAU is its rolling 30-day active users.
 *
 * <pre>{@code
 * double ratio = metrics.stickiness(q4).ratio();   // e.g. 0.12: a monthly user is active on 12% of days
 * }</pre>
 *
 * @param range the days averaged (those with clickstream data)
 * @param days how many days had data
 * @param averageDailyActive mean DAU
 * @param averageMonthlyActive mean rolling 30-day active users
 * @param ratio averageDailyActive ÷ averageMonthlyActive, 0 without activity
 */
public record Stickiness(DateRange range, long days, double averageDailyActive, double averageMonthlyActive,
                         double ratio) {
    /** Validates the fields. */
    public Stickiness {
        Objects.requireNonNull(range, "range");
    }
}
