package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.EventType;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The metrics recover what the generator planted: exact session counts per channel, and — within sampling error
 * (four standard errors) — channel conversion rates, funnel step rates, the December peak, the hourly profile,
 * the search-term distribution; and exactly the products planted with low stock.
 */
@ExtendWith(Warehouses.class)
class PlantedTruthTest {
    static final DateRange EVERYTHING = DateRange.of(LocalDate.of(2025, 9, 1), LocalDate.of(2026, 1, 31));

    private static Manifest.Truth truth() {
        return TestData.generated().manifest().truth();
    }

    private static Metrics metrics(DatabaseKind kind) {
        return Metrics.on(TestData.warehouse(kind));
    }

    /** Whether an observed proportion is within four standard errors of the planted one. */
    private static void assertProportion(double planted, long hits, long trials, String what) {
        double observed = (double) hits / trials;
        double tolerance = 4 * Math.sqrt(planted * (1 - planted) / trials);
        assertTrue(Math.abs(observed - planted) <= tolerance, what + ": observed " + observed + " (" + hits + "/"
                + trials + "), planted " + planted + " ± " + tolerance);
    }

    @EachDatabase
    void channelsHaveThePlantedSessionsAndConversion(DatabaseKind kind) {
        Map<String, ChannelPerformance> channels = metrics(kind).channels(EVERYTHING).stream()
                .collect(Collectors.toMap(ChannelPerformance::channel, Function.identity()));
        List<Executable> checks = new ArrayList<>();
        truth().channels().forEach((name, planted) -> checks.add(() -> {
            ChannelPerformance c = channels.get(name);
            assertEquals(planted.sessions(), c.sessions(), name + " sessions (the 30-minute rule finds them all)");
            assertEquals(planted.purchasingSessions(), c.purchasingSessions(), name + " purchasing sessions");
            assertProportion(planted.conversionRate(), c.purchasingSessions(), c.sessions(), name + " conversion");
        }));
        assertAll(checks);
    }

    @EachDatabase
    void sessionFunnelsHaveThePlantedStepRates(DatabaseKind kind) {
        Metrics m = metrics(kind);
        Map<String, Long> sessions = m.channels(EVERYTHING).stream()
                .collect(Collectors.toMap(ChannelPerformance::channel, ChannelPerformance::sessions));
        FunnelResult funnel = m.funnel(Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.CHECKOUT,
                EventType.PURCHASE).scope(FunnelScope.SESSION).by(FunnelDimension.CHANNEL), EVERYTHING);
        List<Executable> checks = new ArrayList<>();
        for (FunnelResult.Group g : funnel.groups()) {
            Map<String, Double> rates = truth().channels().get(g.value()).stepRates();
            List<FunnelStep> s = g.steps();
            checks.add(() -> {
                assertProportion(rates.get("session_to_product_view"), s.get(0).count(), sessions.get(g.value()),
                        g.value() + " session → view");
                assertProportion(rates.get("product_view_to_add_to_cart"), s.get(1).count(), s.get(0).count(),
                        g.value() + " view → cart");
                assertProportion(rates.get("add_to_cart_to_checkout"), s.get(2).count(), s.get(1).count(),
                        g.value() + " cart → checkout");
                assertProportion(rates.get("checkout_to_purchase"), s.get(3).count(), s.get(2).count(),
                        g.value() + " checkout → purchase");
            });
        }
        assertEquals(truth().channels().keySet(), funnel.groups().stream().map(FunnelResult.Group::value)
                .collect(Collectors.toSet()));
        assertAll(checks);
    }

    @EachDatabase
    void decemberIsThePlantedPeak(DatabaseKind kind) {
        List<RevenuePoint> months = metrics(kind).revenue(MetricsMatchOracleTest.Q4, Granularity.MONTH);
        double kept = 1 - truth().fulfilment().cancelProbability();
        Map<String, Double> expected = truth().orders().expectedOrdersByMonth();
        List<Executable> checks = new ArrayList<>();
        for (RevenuePoint p : months) {
            double e = expected.get(YearMonth.from(p.periodStart()).toString()) * kept;
            checks.add(() -> assertTrue(Math.abs(p.orders() - e) <= 4 * Math.sqrt(e),
                    p.periodStart() + ": " + p.orders() + " orders, planted " + e));
        }
        assertAll(checks);
        double planted = truth().seasonality().monthMultipliers().get("DECEMBER")
                / truth().seasonality().monthMultipliers().get("OCTOBER");
        double observed = (double) months.get(2).orders() / months.get(0).orders();
        assertTrue(observed > 1.3 && Math.abs(observed - planted) < 0.25 * planted,
                "December / October orders " + observed + ", planted about " + planted);
    }

    @EachDatabase
    void ordersFollowThePlantedHoursAndSearchesThePlantedTerms(DatabaseKind kind) {
        Metrics m = metrics(kind);
        List<PeakTime> cells = m.peakTimes(EVERYTHING);
        long total = cells.stream().mapToLong(PeakTime::orders).sum();
        List<Double> shares = truth().seasonality().hourShares();
        List<Executable> checks = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            int hour = h;
            long n = cells.stream().filter(c -> c.hour() == hour).mapToLong(PeakTime::orders).sum();
            checks.add(() -> assertProportion(shares.get(hour), n, total, "orders at " + hour + ":00"));
        }
        List<SearchTerm> terms = m.topSearchTerms(EVERYTHING, 3);
        long searches = m.topSearchTerms(EVERYTHING, 10_000).stream().mapToLong(SearchTerm::searches).sum();
        List<Manifest.TermFrequency> planted = truth().search().topTerms();
        checks.add(() -> assertEquals(planted.get(0).term(), terms.get(0).term(), "most searched term"));
        for (int i = 0; i < 3; i++) {
            Manifest.TermFrequency p = planted.get(i);
            long n = terms.stream().filter(t -> t.term().equals(p.term())).mapToLong(SearchTerm::searches).sum();
            checks.add(() -> assertProportion(p.probability(), n, searches, "share of '" + p.term() + "'"));
        }
        assertAll(checks);
    }

    @EachDatabase
    void lowStockIsExactlyThePlantedProducts(DatabaseKind kind) {
        Manifest.Products products = truth().products();
        List<String> low = metrics(kind).lowStock(LocalDate.of(2025, 12, 31),
                        new LowStockRule(products.lowStockThreshold(), 28, 0)).stream()
                .map(LowStockItem::productId).sorted().toList();
        assertEquals(products.lowStockProductIds().stream().sorted().toList(), low);
    }
}
