package dev.bookstore.metrics;

import dev.bookstore.model.EventType;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How many users (or sessions) reached one step of a funnel, and how long it took them ({@link FunnelResult}).
 *
 * <pre>{@code
 * FunnelStep purchase = result.steps().get(result.steps().size() - 1);
 * System.out.println(purchase.conversionFromStart() + " median " + purchase.medianTimeFromStart());
 * }</pre>
 *
 * @param number the step's position, 1 for the first
 * @param event the step's event type
 * @param count users (or sessions) that reached it
 * @param conversionFromStart count ÷ the first step's count
 * @param conversionFromPrevious count ÷ the previous step's count (1 for the first step)
 * @param dropOff the previous step's count − count (0 for the first step)
 * @param medianTimeFromStart median over those users of their shortest time from the first step to this one
 *                            (zero for the first step; empty when nobody reached it)
 * @param p90TimeFromStart the 90th percentile of the same
 */
public record FunnelStep(int number, EventType event, long count, double conversionFromStart,
                         double conversionFromPrevious, long dropOff, Optional<Duration> medianTimeFromStart,
                         Optional<Duration> p90TimeFromStart) {
    /** Validates the fields. */
    public FunnelStep {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(medianTimeFromStart, "medianTimeFromStart");
        Objects.requireNonNull(p90TimeFromStart, "p90TimeFromStart");
    }
}
