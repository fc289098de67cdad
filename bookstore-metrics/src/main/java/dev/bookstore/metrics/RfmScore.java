package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A customer's RFM scores ({@link Metrics#rfm}): recency, frequency and monetary value, each scored 1 (worst) to
 * 5 (best) by quintile of rank among the customers who ordered, ties sharing a score (so quintiles can be unequal
 * when many customers tie, e.g. on one order).
 *
 * <pre>{@code
 * List<RfmScore> champions = metrics.rfm(LocalDate.parse("2025-12-31")).stream()
 *         .filter(s -> s.code().equals("555")).toList();
 * }</pre>
 *
 * @param customerId the customer
 * @param recencyDays days from their last order to the reference day
 * @param frequency their orders
 * @param monetary gross revenue of their orders
 * @param recencyScore 1..5, 5 for the most recent
 * @param frequencyScore 1..5, 5 for the most orders
 * @param monetaryScore 1..5, 5 for the most revenue
 */
public record RfmScore(String customerId, long recencyDays, long frequency, BigDecimal monetary, int recencyScore,
                       int frequencyScore, int monetaryScore) {
    /** Validates the fields. */
    public RfmScore {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(monetary, "monetary");
    }

    /** The three scores as one code, e.g. {@code "545"}. */
    public String code() {
        return "" + recencyScore + frequencyScore + monetaryScore;
    }
}
