package dev.bookstore.metrics;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversion funnel: ordered steps (event types) to be reached within a window of time, counted per user or per
 * session, optionally broken down by a dimension. Immutable; each method returns a modified copy.
 *
 * <pre>{@code
 * Funnel checkout = Funnel.of(PRODUCT_VIEW, ADD_TO_CART, CHECKOUT, PURCHASE)
 *         .within(Duration.ofHours(2))
 *         .ordering(FunnelOrdering.STRICT)
 *         .by(FunnelDimension.CHANNEL);
 * FunnelResult result = metrics.funnel(checkout, q4);
 * }</pre>
 *
 * <p><b>Semantics</b> (per user, or per session with {@link FunnelScope#SESSION}): every event of the first step
 * whose business day is in the queried range starts a chain at its time t1. Step k+1 is matched by the earliest
 * event of its type strictly later than step k's and no later than t1 + window (the window is inclusive, to the
 * second, and later steps may fall after the range's last day); the {@link FunnelOrdering} says which events may
 * come between. A chain's level is the number of steps matched; a user's level is the highest of its chains, so a
 * user counts at step k when some chain of theirs reached step k. Greedy matching of the earliest event is optimal
 * here: no other choice of events reaches a higher level. The time to step k is, per user, the shortest time from
 * t1 to step k among their chains reaching it; its median and 90th percentile are over those users.
 *
 * <p><b>Compared with ClickHouse {@code windowFunnel(window, mode)(timestamp, cond1, ...)}</b>: the same sliding
 * window from the first step and the same "highest level over all chains"; timestamps must increase strictly
 * ({@code 'strict_increase'} is always on, since events at the same second have no order in the data);
 * {@link FunnelOrdering#STRICT} is {@code 'strict_order'}, {@link FunnelOrdering#DEDUPLICATED} is
 * {@code 'strict_deduplication'}; events not matching any step are ignored, as there. Beyond it: counts and
 * conversion for every step (not only the level per user), a breakdown dimension, time to convert, and a step type
 * may appear more than once in a funnel (view → view → purchase needs two distinct views).
 *
 * @param steps the event types to reach in order, 2 to 10
 * @param window the longest time from the first step to the last, at least one second
 * @param ordering what may happen between steps
 * @param scope whether users or sessions are counted
 * @param breakdown the dimension to break the result down by, if any
 */
public record Funnel(List<EventType> steps, Duration window, FunnelOrdering ordering, FunnelScope scope,
                     Optional<FunnelDimension> breakdown) {
    /** The most steps a funnel may have. */
    public static final int MAX_STEPS = 10;
    /** The window of {@link #of}: one day. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    /** Validates and copies the fields, naming the wrong one. */
    public Funnel {
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(breakdown, "breakdown");
        steps = List.copyOf(steps);
        if (steps.size() < 2 || steps.size() > MAX_STEPS) {
            throw new InvalidArgumentException("a funnel needs 2 to " + MAX_STEPS + " steps, got " + steps.size() + ": "
                    + steps);
        }
        if (window.getSeconds() < 1 || window.compareTo(Duration.ofDays(3_660)) > 0) {
            throw new InvalidArgumentException("funnel window " + window + " must be between 1 second and 3,660 days");
        }
    }

    /** A funnel of these steps in order, within {@link #DEFAULT_WINDOW}, loose, per user, not broken down. */
    public static Funnel of(EventType first, EventType second, EventType... more) {
        List<EventType> steps = new ArrayList<>();
        steps.add(Objects.requireNonNull(first, "first"));
        steps.add(Objects.requireNonNull(second, "second"));
        for (EventType t : more) {
            steps.add(Objects.requireNonNull(t, "step"));
        }
        return new Funnel(steps, DEFAULT_WINDOW, FunnelOrdering.LOOSE, FunnelScope.USER, Optional.empty());
    }

    /** A copy in which the last step must come within {@code maxTime} of the first (to the second). */
    public Funnel within(Duration maxTime) {
        return new Funnel(steps, maxTime, ordering, scope, breakdown);
    }

    /** A copy with this ordering. */
    public Funnel ordering(FunnelOrdering order) {
        return new Funnel(steps, window, order, scope, breakdown);
    }

    /** A copy with {@link FunnelOrdering#STRICT} ordering. */
    public Funnel strict() {
        return ordering(FunnelOrdering.STRICT);
    }

    /** A copy with {@link FunnelOrdering#LOOSE} ordering. */
    public Funnel loose() {
        return ordering(FunnelOrdering.LOOSE);
    }

    /** A copy counting {@code what}. */
    public Funnel scope(FunnelScope what) {
        return new Funnel(steps, window, ordering, what, breakdown);
    }

    /** A copy broken down by {@code dimension}. */
    public Funnel by(FunnelDimension dimension) {
        return new Funnel(steps, window, ordering, scope, Optional.of(dimension));
    }

    /** A copy without breakdown. */
    public Funnel overall() {
        return new Funnel(steps, window, ordering, scope, Optional.empty());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (EventType t : steps) {
            s.append(s.length() == 0 ? "" : " → ").append(t.code());
        }
        return s + " within " + window + ", " + ordering.name().toLowerCase(java.util.Locale.ROOT) + ", per "
                + scope.name().toLowerCase(java.util.Locale.ROOT)
                + breakdown.map(b -> ", by " + b.name().toLowerCase(java.util.Locale.ROOT)).orElse("");
    }
}
