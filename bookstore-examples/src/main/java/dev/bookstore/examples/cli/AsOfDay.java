package dev.bookstore.examples.cli;

import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.MetricsOptions;
import dev.bookstore.model.NotReadyException;
import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The one "as of" default of every command that reads the warehouse at a day: the warehouse's latest data day
 * (the day of its latest order), printed by the command so that the user sees which day was used.
 *
 * <pre>{@code
 * AsOfDay day = AsOfDay.of(wh, Optional.ofNullable(asOf));
 * out.println(day.line());
 * }</pre>
 *
 * @param day the day used
 * @param given whether it was given with {@code --as-of} (otherwise it is the latest data day)
 */
record AsOfDay(LocalDate day, boolean given) {
    /** The description of the option, for the commands' help. */
    static final String HELP = "Day to use (default: the warehouse's latest data day, the day of its latest order).";

    /**
     * {@code given}, or the warehouse's latest data day.
     *
     * @throws NotReadyException when no day is given and the warehouse holds no orders
     */
    static AsOfDay of(Warehouse wh, Optional<LocalDate> given) {
        if (given.isPresent()) {
            return new AsOfDay(given.get(), true);
        }
        LocalDate latest = Metrics.on(wh, MetricsOptions.defaults().withoutCache()).latestOrderDay()
                .orElseThrow(() -> new NotReadyException("the warehouse holds no orders, so there is no latest data "
                        + "day: load data first (`bookstore run --db URL --data DIR`) or give --as-of"));
        return new AsOfDay(latest, false);
    }

    /** {@code as of 2025-12-31 (the warehouse's latest data day)}, or {@code as of 2025-12-31} when given. */
    String line() {
        return "as of " + day + (given ? "" : " (the warehouse's latest data day)");
    }
}
