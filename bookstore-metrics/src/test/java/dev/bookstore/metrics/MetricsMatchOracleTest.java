package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.EventType;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Every metric on the generated data set equals the plain-Java {@link Oracle} computed from the raw files, on every
 * database: money to the penny, counts exactly, percentiles to the millisecond; for top-N lists, ties at the cut
 * may be broken by the database's collation, so there the measures must match rank by rank and every row listed
 * must match the oracle's row for the same key.
 */
@ExtendWith(Warehouses.class)
class MetricsMatchOracleTest {
    static final DateRange Q4 = DateRange.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31));
    static final DateRange DECEMBER = DateRange.of(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31));
    /** A fortnight around the end of British Summer Time (26 October 2025). */
    static final DateRange DST_WEEKS = DateRange.of(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 11, 2));
    /** Reaches past the data's last day. */
    static final DateRange OVERHANG = DateRange.of(LocalDate.of(2025, 11, 15), LocalDate.of(2026, 1, 10));
    static final DateRange NO_DATA = DateRange.of(LocalDate.of(1990, 1, 1), LocalDate.of(1990, 12, 31));
    static final List<DateRange> RANGES = List.of(Q4, DECEMBER, DST_WEEKS, OVERHANG, NO_DATA);
    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    /**
     * The range the marketing and session metrics are checked over on Trino, where every query pays seconds of
     * planning and scheduling on two nodes: one reaching past the data's end (the funnels check the DST fortnight
     * there); the other databases check all of {@link #RANGES} with the same assertions.
     */
    static final List<DateRange> TRINO_RANGES = List.of(OVERHANG);

    private static Oracle oracle;

    static synchronized Oracle oracle() {
        if (oracle == null) {
            oracle = new Oracle(TestData.generated().raw(), TestData.LONDON);
        }
        return oracle;
    }

    private static Metrics metrics(DatabaseKind kind) {
        return Metrics.on(TestData.warehouse(kind));
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void salesMatchTheOracle(DatabaseKind kind) {
        Metrics m = metrics(kind);
        Oracle o = oracle();
        List<Executable> checks = new ArrayList<>();
        for (DateRange r : RANGES) {
            for (Granularity g : Granularity.values()) {
                checks.add(() -> assertEquals(o.revenue(r, g), m.revenue(r, g), "revenue " + r + " by " + g));
            }
            checks.add(() -> assertEquals(o.sales(r), m.sales(r), "sales " + r));
            checks.add(() -> assertEquals(o.sales(r).averageOrderValue(), m.averageOrderValue(r), "AOV " + r));
            for (BestsellerRanking ranking : BestsellerRanking.values()) {
                checks.add(() -> assertTopN(o.bestsellers(r, ranking), m.bestsellers(r, 10, ranking), 10,
                        ProductSales::productId, p -> ranking == BestsellerRanking.REVENUE
                                ? List.of(p.grossRevenue(), p.units()) : List.of(p.units(), p.grossRevenue()),
                        "bestsellers " + r + " by " + ranking));
            }
            checks.add(() -> assertEquals(o.categories(r, false), m.revenueByCategory(r), "categories " + r));
            checks.add(() -> assertEquals(o.categories(r, true), m.revenueBySubcategory(r), "subcategories " + r));
            checks.add(() -> assertEquals(o.newVsReturning(r), m.newVsReturning(r), "new vs returning " + r));
        }
        assertAll(checks);
        assertTrue(m.newVsReturning(DECEMBER).returningCustomers().orders() > 0, "December has returning customers");
        assertEquals(List.of(1, 2, 3, 4, 5), m.bestsellers(Q4, 5, BestsellerRanking.UNITS).stream()
                .map(ProductSales::rank).toList());
        assertTrue(m.revenue(NO_DATA, Granularity.DAY).isEmpty(), "no data, no points");
        assertEquals(java.util.Optional.empty(), m.averageOrderValue(NO_DATA));
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void customerMetricsMatchTheOracle(DatabaseKind kind) {
        Metrics m = metrics(kind);
        Oracle o = oracle();
        List<Executable> checks = new ArrayList<>();
        for (DateRange r : RANGES) {
            for (Granularity g : Granularity.values()) {
                checks.add(() -> assertEquals(o.activeCustomers(r, g), m.activeCustomers(r, g), "active " + r + " " + g));
            }
            for (int w : new int[] {1, 7, 28, 30}) {
                checks.add(() -> assertEquals(o.rollingActive(r, w), m.rollingActiveCustomers(r, w),
                        "rolling " + w + " " + r));
            }
            checks.add(() -> assertEquals(o.stickiness(r), m.stickiness(r), "stickiness " + r));
            checks.add(() -> assertEquals(o.cohortValue(r), m.cohortLifetimeValue(r), "cohort LTV " + r));
            checks.add(() -> assertEquals(o.retention(r), m.retention(r), "retention " + r));
        }
        for (LocalDate asOf : List.of(AS_OF, LocalDate.of(2025, 11, 20), LocalDate.of(1990, 1, 1))) {
            for (int days : new int[] {1, 30, 60}) {
                checks.add(() -> assertEquals(o.lapsed(asOf, days), m.lapsedCustomers(asOf, days),
                        "lapsed " + days + " days at " + asOf));
            }
            checks.add(() -> assertEquals(o.lifetimeValues(asOf), m.lifetimeValues(asOf), "LTV at " + asOf));
            checks.add(() -> assertEquals(o.rfm(asOf), m.rfm(asOf), "RFM at " + asOf));
        }
        assertAll(checks);
        assertTrue(m.retention(Q4).get(0).points().size() == 3, "October's cohort is followed to December");
        DateRange octoberToNovember = DateRange.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 11, 30));
        assertEquals(2, m.retention(octoberToNovember).get(0).points().size(), "followed up to --to, not past it");
        assertEquals(2, m.cohortLifetimeValue(octoberToNovember).get(0).points().size());
        assertTrue(m.rfm(AS_OF).stream().map(RfmScore::recencyScore).distinct().count() == 5, "five recency scores");
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void marketingAndSessionMetricsMatchTheOracle(DatabaseKind kind) {
        Metrics m = metrics(kind);
        Oracle o = oracle();
        List<Executable> checks = new ArrayList<>();
        for (DateRange r : kind == DatabaseKind.TRINO ? TRINO_RANGES : RANGES) {
            checks.add(() -> assertEquals(o.channels(r), m.channels(r), "channels " + r));
            checks.add(() -> assertEquals(o.conversion(r), m.conversion(r), "conversion " + r));
            checks.add(() -> assertTopN(o.searchTerms(r), m.topSearchTerms(r, 8), 8, SearchTerm::term,
                    t -> List.of(t.searches()), "search terms " + r));
            checks.add(() -> assertEquals(o.viewToPurchase(r, 10), m.viewToPurchase(r, 10), "view to purchase " + r));
            checks.add(() -> assertEquals(o.sessionStats(r), m.sessions(r), "sessions " + r));
        }
        assertAll(checks);
    }

    /** Funnels of every ordering, scope and breakdown, 2 to 5 steps, including a repeated step type. */
    static List<Funnel> funnels() {
        Funnel buy = Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.CHECKOUT, EventType.PURCHASE);
        return List.of(
                buy,
                buy.strict().by(FunnelDimension.CHANNEL),
                buy.ordering(FunnelOrdering.DEDUPLICATED).by(FunnelDimension.DEVICE),
                buy.scope(FunnelScope.SESSION).by(FunnelDimension.CATEGORY),
                buy.strict().scope(FunnelScope.SESSION).within(Duration.ofMinutes(3)),
                Funnel.of(EventType.SEARCH, EventType.PRODUCT_VIEW, EventType.PURCHASE).within(Duration.ofHours(2)),
                Funnel.of(EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW, EventType.ADD_TO_CART).strict(),
                Funnel.of(EventType.PAGE_VIEW, EventType.SEARCH, EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                        EventType.PURCHASE).within(Duration.ofDays(7)).by(FunnelDimension.CHANNEL));
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void funnelsMatchTheOracle(DatabaseKind kind) {
        Metrics m = metrics(kind);
        Oracle o = oracle();
        List<Executable> checks = new ArrayList<>();
        for (Funnel f : funnels()) {
            for (DateRange r : kind == DatabaseKind.TRINO ? List.of(DST_WEEKS) : List.of(DST_WEEKS, DECEMBER, NO_DATA)) {
                checks.add(() -> assertEquals(o.funnel(f, r), m.funnel(f, r), "funnel " + f + " over " + r));
            }
        }
        assertAll(checks);
        FunnelResult none = m.funnel(funnels().get(0), NO_DATA);
        assertTrue(none.groups().isEmpty() && none.steps().stream().allMatch(s -> s.count() == 0));
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void operationsMatchTheOracle(DatabaseKind kind) {
        Metrics m = metrics(kind);
        Oracle o = oracle();
        List<Executable> checks = new ArrayList<>();
        for (LowStockRule rule : List.of(LowStockRule.defaults(), LowStockRule.defaults().withStockBelow(0)
                .withCoverDaysBelow(30).withVelocityDays(7), new LowStockRule(50, 90, 0))) {
            checks.add(() -> assertEquals(o.lowStock(AS_OF, rule), m.lowStock(AS_OF, rule), "low stock " + rule));
        }
        for (DateRange r : RANGES) {
            checks.add(() -> assertFulfilment(o.fulfilment(r), m.fulfilment(r), "fulfilment " + r));
            for (GeoLevel level : GeoLevel.values()) {
                checks.add(() -> assertEquals(o.geography(r, level), m.geography(r, level), "geography " + level + r));
            }
            checks.add(() -> assertEquals(o.peakTimes(r), m.peakTimes(r), "peak times " + r));
        }
        assertAll(checks);
        List<String> planted = TestData.generated().manifest().truth().products().lowStockProductIds();
        List<String> low = m.lowStock(AS_OF, LowStockRule.defaults().withCoverDaysBelow(0)).stream()
                .map(LowStockItem::productId).toList();
        assertTrue(low.containsAll(planted), "planted low-stock products " + planted + " are all low: " + low);
    }

    private static void assertFulfilment(FulfilmentTimes expected, FulfilmentTimes actual, String what) {
        assertEquals(expected.orders(), actual.orders(), what);
        assertLeg(expected.orderToShipped(), actual.orderToShipped(), what + " order→shipped");
        assertLeg(expected.shippedToDelivered(), actual.shippedToDelivered(), what + " shipped→delivered");
        assertLeg(expected.orderToDelivered(), actual.orderToDelivered(), what + " order→delivered");
    }

    private static void assertLeg(java.util.Optional<FulfilmentTimes.Leg> e, java.util.Optional<FulfilmentTimes.Leg> a,
                                  String what) {
        assertEquals(e.isPresent(), a.isPresent(), what);
        if (e.isPresent()) {
            assertEquals(e.get().orders(), a.get().orders(), what);
            assertEquals(e.get().averageDays(), a.get().averageDays(), 1e-9, what);
            assertEquals(e.get().medianDays(), a.get().medianDays(), 1e-9, what);
            assertEquals(e.get().p90Days(), a.get().p90Days(), 1e-9, what);
        }
    }

    /**
     * A top-N list against the oracle's full ranking: the same length, the same measures rank by rank, and every row
     * equal to the oracle's row with its key (rows tied at the cut may differ by collation; a rank, which depends on
     * that order, is left out of the comparison by {@code content}).
     */
    static <T> void assertTopN(List<T> oracleAll, List<T> actual, int n, Function<T, String> key,
                               Function<T, List<?>> measures, String what) {
        assertEquals(Math.min(n, oracleAll.size()), actual.size(), what + ": rows");
        Map<String, T> byKey = oracleAll.stream().collect(Collectors.toMap(key, x -> x));
        for (int i = 0; i < actual.size(); i++) {
            assertEquals(measures.apply(oracleAll.get(i)), measures.apply(actual.get(i)), what + ": measures at " + i);
            assertEquals(content(byKey.get(key.apply(actual.get(i)))), content(actual.get(i)), what + ": row " + i);
        }
    }

    private static Object content(Object row) {
        return row instanceof ProductSales p ? List.of(p.productId(), p.title(), p.category(), p.subcategory(), p.units(), p.orders(),
                p.grossRevenue()) : row;
    }
}
