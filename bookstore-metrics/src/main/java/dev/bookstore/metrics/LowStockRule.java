package dev.bookstore.metrics;

import dev.bookstore.model.InvalidArgumentException;

/**
 * When a product counts as running low ({@link Metrics#lowStock}): its stock is under a threshold, or it would sell
 * out within a number of days at its recent sales velocity.
 *
 * <pre>{@code
 * LowStockRule rule = LowStockRule.defaults().withStockBelow(5).withCoverDaysBelow(21);
 * }</pre>
 *
 * @param stockBelow a product with fewer units than this in stock is low (0 to use only days of cover)
 * @param velocityDays the days of sales (ending on the reference day) that give the daily velocity, 1..3,660
 * @param coverDaysBelow a product whose stock lasts fewer days than this at that velocity is low (0 to use only
 *                       the threshold)
 */
public record LowStockRule(int stockBelow, int velocityDays, int coverDaysBelow) {
    /** Validates the fields, naming the wrong one. */
    public LowStockRule {
        if (stockBelow < 0) {
            throw new InvalidArgumentException("stockBelow " + stockBelow + " is negative");
        }
        if (velocityDays < 1 || velocityDays > 3_660) {
            throw new InvalidArgumentException("velocityDays " + velocityDays + " is outside 1..3660");
        }
        if (coverDaysBelow < 0) {
            throw new InvalidArgumentException("coverDaysBelow " + coverDaysBelow + " is negative");
        }
    }

    /** Under 10 units, or under 14 days of cover at the last 28 days' velocity. */
    public static LowStockRule defaults() {
        return new LowStockRule(10, 28, 14);
    }

    /** A copy with this stock threshold. */
    public LowStockRule withStockBelow(int units) {
        return new LowStockRule(units, velocityDays, coverDaysBelow);
    }

    /** A copy measuring velocity over this many days. */
    public LowStockRule withVelocityDays(int days) {
        return new LowStockRule(stockBelow, days, coverDaysBelow);
    }

    /** A copy with this days-of-cover threshold. */
    public LowStockRule withCoverDaysBelow(int days) {
        return new LowStockRule(stockBelow, velocityDays, days);
    }
}
