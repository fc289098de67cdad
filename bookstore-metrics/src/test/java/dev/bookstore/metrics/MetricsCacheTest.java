package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Repeated questions come from the cache until a pipeline run loads new data (or the cache is invalidated). */
class MetricsCacheTest {
    static final DateRange OCTOBER = DateRange.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31));

    private static Path moreOrders() {
        return new HandMade().order("O9", "CUST_A", "2025-10-29", "BOOK_1", 5, "10.00", "delivered",
                "2025-10-29T12:00:00Z").write();
    }

    @EachDatabase
    void aTransformRunInvalidatesCachedResults(DatabaseKind kind) {
        Warehouses.Built b = Warehouses.fresh(kind, WarehouseConfig.defaults());
        try {
            TestData.load(b.warehouse(), ReportingZoneTest.data());
            Metrics metrics = Metrics.on(b.warehouse());
            Metrics lazy = Metrics.on(b.warehouse(), MetricsOptions.defaults().withVersionCheckEvery(Duration.ofHours(1)));
            Metrics uncached = Metrics.on(b.warehouse(), MetricsOptions.defaults().withoutCache());

            SalesSummary first = metrics.sales(OCTOBER);
            assertEquals(4, first.orders());
            assertSame(first, metrics.sales(OCTOBER), "served from the cache");
            assertArrayEquals(new long[] {1, 1}, metrics.cacheHitsAndMisses());
            SalesSummary lazyFirst = lazy.sales(OCTOBER);
            assertEquals(first, lazyFirst);
            assertEquals(first, uncached.sales(OCTOBER));
            assertEquals(first, uncached.sales(OCTOBER));
            assertArrayEquals(new long[] {0, 0}, uncached.cacheHitsAndMisses());

            Path more = moreOrders();
            Ingest.into(b.warehouse()).orders(more.resolve("raw_orders.csv")).options(Warehouses.INGEST).run();
            assertSame(first, metrics.sales(OCTOBER), "ingest alone does not change the marts");
            TestData.transform(b.warehouse());

            SalesSummary after = metrics.sales(OCTOBER);
            assertEquals(5, after.orders(), "the transform run changed the data version");
            assertEquals(new java.math.BigDecimal("100.00"), after.grossRevenue());
            assertEquals(after, uncached.sales(OCTOBER));
            assertSame(lazyFirst, lazy.sales(OCTOBER), "within versionCheckEvery the old version is trusted");
            lazy.invalidate();
            assertEquals(after, lazy.sales(OCTOBER), "invalidate() takes effect at once");

            long[] before = metrics.cacheHitsAndMisses();
            metrics.invalidate();
            metrics.sales(OCTOBER);
            assertEquals(before[1] + 1, metrics.cacheHitsAndMisses()[1], "a miss after invalidate()");
        } finally {
            Warehouses.drop(b);
        }
    }

    @EachDatabase({DatabaseKind.DUCKDB})
    void aWarehouseWithoutMartsGivesAClearError(DatabaseKind kind) {
        Warehouses.Built b = Warehouses.fresh(kind, WarehouseConfig.defaults());
        try {
            b.warehouse().init();
            BookstoreException e = assertThrows(BookstoreException.class, () -> Metrics.on(b.warehouse())
                    .sales(OCTOBER));
            assertTrue(e.getMessage().contains("metric sales_summary failed on duckdb")
                    && e.getMessage().contains("Transform.on(warehouse).run()"), e.getMessage());
        } finally {
            Warehouses.drop(b);
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(BookstoreException.class, () -> MetricsOptions.defaults().withCacheSize(-1));
        assertThrows(BookstoreException.class, () -> MetricsOptions.defaults().withCacheTtl(Duration.ZERO));
        assertThrows(BookstoreException.class, () -> MetricsOptions.defaults()
                .withVersionCheckEvery(Duration.ofSeconds(-1)));
        assertEquals(0, MetricsOptions.defaults().withoutCache().cacheSize());
    }
}
