package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Date ranges are inclusive, and a reversed range is a clear error naming both days. */
class DateRangeTest {
    @Test
    void aReversedRangeNamesBothDays() {
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> DateRange.of(LocalDate.of(2025, 12, 31), LocalDate.of(2025, 10, 1)));
        assertEquals("date range from 2025-12-31 to 2025-10-01 is empty: 'from' (2025-12-31) is after 'to' "
                + "(2025-10-01); both days are inclusive, so use from <= to", e.getMessage());
    }

    @Test
    void bothEndsAreIncluded() {
        DateRange r = DateRange.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31));
        assertEquals(31, r.days());
        assertTrue(r.contains(LocalDate.of(2025, 10, 1)) && r.contains(LocalDate.of(2025, 10, 31)));
        assertFalse(r.contains(LocalDate.of(2025, 11, 1)));
        assertEquals(1, DateRange.day(LocalDate.of(2025, 10, 1)).days());
        assertEquals("2025-10-01..2025-10-31", r.toString());
    }

    @Test
    void periodsStartWhereTheDatabaseTruncates() {
        LocalDate d = LocalDate.of(2025, 11, 19);
        assertEquals(LocalDate.of(2025, 11, 17), Granularity.WEEK.periodStart(d));
        assertEquals(LocalDate.of(2025, 11, 1), Granularity.MONTH.periodStart(d));
        assertEquals(LocalDate.of(2025, 10, 1), Granularity.QUARTER.periodStart(d));
        assertEquals(d, Granularity.DAY.periodStart(d));
    }

    @Test
    void limitsAreValidatedBeforeAnyQuery() {
        Metrics m = Metrics.on(dev.bookstore.model.Warehouse.connect("jdbc:duckdb:"));
        DateRange r = DateRange.day(LocalDate.of(2025, 10, 1));
        assertThrows(BookstoreException.class, () -> m.bestsellers(r, 0, BestsellerRanking.UNITS));
        assertThrows(BookstoreException.class, () -> m.topSearchTerms(r, 10_001));
        assertThrows(BookstoreException.class, () -> m.rollingActiveCustomers(r, 0));
        assertThrows(BookstoreException.class, () -> m.lapsedCustomers(r.from(), 0));
        assertThrows(BookstoreException.class, () -> new LowStockRule(1, 0, 1));
    }
}
