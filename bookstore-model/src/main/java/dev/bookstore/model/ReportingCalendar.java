package dev.bookstore.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Turns UTC instants into business days in the reporting zone (default Europe/London), so that "a day" means the
 * same thing in every metric and never depends on the JVM's default zone.
 *
 * <pre>{@code
 * ReportingCalendar london = ReportingCalendar.DEFAULT;
 * LocalDate day = london.businessDay(Instant.parse("2025-06-30T23:30:00Z"));   // 2025-07-01 (BST)
 * }</pre>
 *
 * @param zone the zone whose local calendar defines business days
 */
public record ReportingCalendar(ZoneId zone) {
    /** The default reporting calendar: Europe/London. */
    public static final ReportingCalendar DEFAULT = new ReportingCalendar(ZoneId.of("Europe/London"));

    /** Validates the zone. */
    public ReportingCalendar {
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * A calendar for a zone id such as {@code Europe/London}.
     *
     * @throws InvalidArgumentException naming the id when it is not a known zone
     */
    public static ReportingCalendar of(String zoneId) {
        try {
            return new ReportingCalendar(ZoneId.of(zoneId));
        } catch (DateTimeException e) {
            throw new InvalidArgumentException("reporting zone '" + zoneId
                    + "' is not a known time zone id (expected e.g. Europe/London, UTC, America/New_York)", e);
        }
    }

    /** The business day on which {@code instant} falls in this zone. */
    public LocalDate businessDay(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The wall-clock time of {@code instant} in this zone (for hour-of-day questions). */
    public LocalDateTime localTime(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /** The first instant of {@code day} in this zone (handles DST gaps). */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
