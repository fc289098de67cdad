package dev.bookstore.metrics;

import dev.bookstore.model.sql.DateUnit;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The calendar period a time series is grouped by; weeks are ISO weeks starting on Monday.
 *
 * <pre>{@code
 * List<RevenuePoint> monthly = metrics.revenue(q4, Granularity.MONTH);
 * }</pre>
 */
public enum Granularity {
    /** A business day. */
    DAY(DateUnit.DAY),
    /** An ISO week, Monday to Sunday. */
    WEEK(DateUnit.WEEK),
    /** A calendar month. */
    MONTH(DateUnit.MONTH),
    /** A calendar quarter starting in January, April, July or October. */
    QUARTER(DateUnit.QUARTER);

    private final DateUnit unit;

    Granularity(DateUnit unit) {
        this.unit = unit;
    }

    /** The dialect's date unit for this granularity. */
    DateUnit unit() {
        return unit;
    }

    /** The first day of the period holding {@code day}. */
    public LocalDate periodStart(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
        };
    }
}
