package dev.bookstore.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The result of a {@link Funnel} over a date range ({@link Metrics#funnel}): the steps overall and, when the funnel
 * has a breakdown, per value of its dimension. A funnel with no starting event in the range has steps with zero
 * counts and no groups.
 *
 * <pre>{@code
 * FunnelResult r = metrics.funnel(Funnel.of(PRODUCT_VIEW, ADD_TO_CART, PURCHASE).by(FunnelDimension.DEVICE), q4);
 * for (FunnelResult.Group g : r.groups()) {
 *     System.out.println(g.value() + " " + g.steps().get(2).conversionFromStart());
 * }
 * }</pre>
 *
 * @param funnel the funnel asked for
 * @param range the days in which chains started
 * @param steps every step, overall (each user counted once)
 * @param groups per value of the breakdown dimension, sorted by value; empty without breakdown
 */
public record FunnelResult(Funnel funnel, DateRange range, List<FunnelStep> steps, List<Group> groups) {
    /** Validates and copies the fields. */
    public FunnelResult {
        Objects.requireNonNull(funnel, "funnel");
        Objects.requireNonNull(range, "range");
        steps = List.copyOf(steps);
        groups = List.copyOf(groups);
    }

    /** The share of starters who reached the last step. */
    public double conversion() {
        return steps.get(steps.size() - 1).conversionFromStart();
    }

    /**
     * The funnel's steps for one value of the breakdown dimension.
     *
     * @param value the dimension's value ({@value Metrics#UNKNOWN} when missing)
     * @param steps every step for users whose chains started with that value
     */
    public record Group(String value, List<FunnelStep> steps) {
        /** Validates and copies the fields. */
        public Group {
            Objects.requireNonNull(value, "value");
            steps = List.copyOf(steps);
        }
    }
}
