package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.NotReadyException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kind of each error a metrics caller can meet: a bad argument, marts not built, a database that is down. */
class MetricsErrorsTest {
    static final DateRange OCTOBER = DateRange.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31));

    @EachDatabase
    void missingMartsAreNotReadyAndSayWhatToRun(TestDatabase db) {
        Warehouse wh = db.warehouse();
        wh.init();
        NotReadyException e = assertThrows(NotReadyException.class, () -> Metrics.on(wh).sales(OCTOBER));
        assertTrue(e.getMessage().startsWith("metric sales_summary failed on " + wh.dialect().name() + ": "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(the metrics read the marts: build them first with "
                + "Transform.on(warehouse).run())"), e.getMessage());
        InvalidArgumentException limit = assertThrows(InvalidArgumentException.class,
                () -> Metrics.on(wh).bestsellers(OCTOBER, 0, BestsellerRanking.REVENUE));
        assertEquals("bestsellers: asked for 0 rows; ask for 1..10000", limit.getMessage());
        assertEquals(Optional.of("limit"), limit.parameter());
    }

    @EachDatabase
    void aRefusedConnectionIsADatabaseFailureNotAMissingMart(TestDatabase db) {
        Warehouse wh = db.unreachableWarehouse();
        WarehouseException e = assertThrows(WarehouseException.class, () -> Metrics.on(wh).sales(OCTOBER));
        // the cache asks for the data version before it runs a metric: that is the statement that meets the refusal
        assertEquals("metric data_version failed on " + wh.dialect().name() + ": database error on the given "
                + "DataSource: Connection refused", e.getMessage());
        assertEquals(Optional.of("data_version"), e.statement());
        assertFalse(e.getMessage().contains("Transform"), e.getMessage());
    }

    @Test
    void badLimitsAndRangesAreInvalidArgumentsNamingWhatIsValid() {
        InvalidArgumentException range = assertThrows(InvalidArgumentException.class,
                () -> DateRange.of(LocalDate.of(2025, 10, 31), LocalDate.of(2025, 10, 1)));
        assertEquals("date range from 2025-10-31 to 2025-10-01 is empty: 'from' (2025-10-31) is after 'to' "
                + "(2025-10-01); both days are inclusive, so use from <= to", range.getMessage());
        InvalidArgumentException cache = assertThrows(InvalidArgumentException.class,
                () -> MetricsOptions.defaults().withCacheSize(-1));
        assertEquals("cacheSize -1 is negative (0 turns caching off)", cache.getMessage());
    }
}
