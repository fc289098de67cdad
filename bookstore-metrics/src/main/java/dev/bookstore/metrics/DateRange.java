package dev.bookstore.metrics;

import dev.bookstore.model.InvalidArgumentException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An inclusive range of business days (days in the warehouse's reporting zone) that a metric covers.
 *
 * <pre>{@code
 * DateRange q4 = DateRange.of(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-12-31"));
 * DateRange day = DateRange.day(LocalDate.parse("2025-12-24"));
 * }</pre>
 *
 * @param from the first day
 * @param to the last day (inclusive); not before {@code from}
 */
public record DateRange(LocalDate from, LocalDate to) {
    /**
     * Validates the range.
     *
     * @throws InvalidArgumentException naming both days when {@code from} is after {@code to}
     */
    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new InvalidArgumentException("date range from " + from + " to " + to + " is empty: 'from' (" + from
                    + ") is after 'to' (" + to + "); both days are inclusive, so use from <= to");
        }
    }

    /** The days {@code from} to {@code to}, both inclusive. */
    public static DateRange of(LocalDate from, LocalDate to) {
        return new DateRange(from, to);
    }

    /** The single day {@code day}. */
    public static DateRange day(LocalDate day) {
        return new DateRange(day, day);
    }

    /** The number of days in the range (at least 1). */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Whether {@code day} is in the range. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
