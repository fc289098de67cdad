package dev.bookstore.metrics;

import dev.bookstore.model.EventType;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Warehouses.class)
class SmokeProbeTest {
    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB})
    void all(DatabaseKind kind) {
        Metrics m = Metrics.on(Warehouses.generated(kind));
        DateRange r = DateRange.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31));
        LocalDate asOf = LocalDate.of(2025, 12, 31);
        run(kind, "revenue", () -> m.revenue(r, Granularity.MONTH));
        run(kind, "sales", () -> m.sales(r));
        run(kind, "best", () -> m.bestsellers(r, 3, BestsellerRanking.UNITS));
        run(kind, "cat", () -> m.revenueByCategory(r));
        run(kind, "subcat", () -> m.revenueBySubcategory(r).subList(0, 3));
        run(kind, "nvr", () -> m.newVsReturning(r));
        run(kind, "active", () -> m.activeCustomers(r, Granularity.MONTH));
        run(kind, "rolling", () -> m.rollingActiveCustomers(r, 7).subList(0, 3));
        run(kind, "sticky", () -> m.stickiness(r));
        run(kind, "lapsed", () -> m.lapsedCustomers(asOf, 60).size());
        run(kind, "ltv", () -> m.lifetimeValues(asOf).subList(0, 2));
        run(kind, "cohortltv", () -> m.cohortLifetimeValue(r));
        run(kind, "retention", () -> m.retention(r));
        run(kind, "rfm", () -> m.rfm(asOf).subList(0, 3));
        run(kind, "channels", () -> m.channels(r));
        run(kind, "conv", () -> m.conversion(r));
        run(kind, "search", () -> m.topSearchTerms(r, 3));
        run(kind, "v2p", () -> m.viewToPurchase(r, 2));
        run(kind, "funnel", () -> m.funnel(Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                EventType.CHECKOUT, EventType.PURCHASE).strict().by(FunnelDimension.DEVICE), r));
        run(kind, "funnelSess", () -> m.funnel(Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                EventType.PURCHASE).scope(FunnelScope.SESSION).within(Duration.ofHours(1)).by(FunnelDimension.CATEGORY), r).groups().get(0));
        run(kind, "sessions", () -> m.sessions(r));
        run(kind, "lowstock", () -> m.lowStock(asOf, LowStockRule.defaults()).subList(0, 2));
        run(kind, "fulfil", () -> m.fulfilment(r));
        run(kind, "geo", () -> m.geography(r, GeoLevel.CITY).subList(0, 2));
        run(kind, "peak", () -> m.peakTimes(r).subList(0, 2));
    }

    private static void run(DatabaseKind kind, String name, java.util.function.Supplier<Object> s) {
        long t0 = System.nanoTime();
        try {
            Object o = s.get();
            System.err.printf("%s %s %d ms: %s%n", kind, name, (System.nanoTime() - t0) / 1_000_000,
                    String.valueOf(o).substring(0, Math.min(600, String.valueOf(o).length())));
        } catch (RuntimeException e) {
            System.err.printf("%s %s FAILED: %s%n", kind, name, e);
        }
    }
}
