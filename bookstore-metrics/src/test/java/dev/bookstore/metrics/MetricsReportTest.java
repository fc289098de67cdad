package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.EventType;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link MetricsReport} on the generated data set, on every database: each part equals the plain-Java
 * {@link Oracle} where the oracle answers the whole question, and the single {@link Metrics} call otherwise (top-N
 * cuts, whose ties the database's collation may break); the composed parts (periods, RFM groups, busiest hours,
 * excerpts, rolling averages) are recomputed here from the oracle. The JSON form carries the same figures.
 */
@ExtendWith(Warehouses.class)
class MetricsReportTest {
    static final DateRange Q4 = MetricsMatchOracleTest.Q4;
    static final LocalDate AS_OF = Q4.to();
    /** Reads decimals exactly, with their scale, so money compares to the penny. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    static final MetricsReport.Options OPTIONS = MetricsReport.Options.defaults().withTop(4)
            .withGrain(Granularity.WEEK).withRankBy(BestsellerRanking.UNITS).withLapsedDays(30)
            .withFunnel(Funnel.of(EventType.SEARCH, EventType.PRODUCT_VIEW, EventType.PURCHASE)
                    .within(Duration.ofHours(2)).by(FunnelDimension.CHANNEL))
            .withGeo(GeoLevel.CITY).withLowStock(new LowStockRule(5, 7, 30));

    private static final Map<DatabaseKind, MetricsReport> REPORTS = new java.util.concurrent.ConcurrentHashMap<>();

    static MetricsReport report(DatabaseKind kind) {
        return REPORTS.computeIfAbsent(kind, k -> Metrics.on(TestData.warehouse(k)).report(Q4, OPTIONS));
    }

    @EachDatabase
    void everyPartEqualsTheOracle(DatabaseKind kind) {
        MetricsReport r = report(kind);
        Oracle o = MetricsMatchOracleTest.oracle();
        int top = OPTIONS.top();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(Q4, r.range()));
        checks.add(() -> assertEquals(AS_OF, r.asOf()));
        checks.add(() -> assertEquals(OPTIONS, r.options()));
        checks.add(() -> assertEquals(o.sales(Q4), r.sales(), "sales"));
        checks.add(() -> assertEquals(o.newVsReturning(Q4), r.newVsReturning(), "new vs returning"));
        checks.add(() -> assertEquals(periods(o), r.periods(), "periods"));
        checks.add(() -> assertEquals(o.categories(Q4, false).stream().limit(top).toList(), r.categories()));
        checks.add(() -> assertEquals(o.categories(Q4, true).stream().limit(top).toList(), r.subcategories()));
        checks.add(() -> {
            Stickiness s = o.stickiness(Q4);
            assertEquals(s.averageDailyActive(), r.activeCustomers().averageDaily(), "average daily");
            assertEquals(s.averageMonthlyActive(), r.activeCustomers().averageMonthly(), "average monthly");
            assertEquals(s.ratio(), r.activeCustomers().stickiness(), "stickiness");
            for (int w : MetricsReport.ROLLING_WINDOWS) {
                assertEquals(o.rollingActive(Q4, w).stream().mapToLong(ActiveCustomers::customers).average()
                        .orElse(0), r.activeCustomers().rollingAverage(w).orElseThrow(), 1e-9, "rolling " + w);
            }
        });
        checks.add(() -> {
            List<LapsedCustomer> lapsed = o.lapsed(AS_OF, 30);
            assertEquals(lapsed.size(), r.lapsedCustomers().count(), "lapsed count");
            assertEquals(lapsed.stream().limit(top).toList(), r.lapsedCustomers().first(), "lapsed first");
        });
        checks.add(() -> assertEquals(o.cohortValue(Q4), r.cohortLifetimeValue(), "cohort LTV"));
        checks.add(() -> assertEquals(o.retention(Q4), r.retentionCohorts(), "retention"));
        checks.add(() -> assertEquals(rfmGroups(o.rfm(AS_OF)), r.rfm(), "RFM groups"));
        checks.add(() -> assertEquals(o.channels(Q4), r.channels(), "channels"));
        checks.add(() -> assertEquals(o.conversion(Q4), r.conversion(), "conversion"));
        checks.add(() -> assertEquals(o.viewToPurchase(Q4, top), r.viewToPurchase(), "view to purchase"));
        checks.add(() -> assertEquals(o.funnel(OPTIONS.funnel(), Q4), r.funnel(), "funnel"));
        checks.add(() -> assertEquals(o.sessionStats(Q4), r.sessions(), "sessions"));
        checks.add(() -> {
            List<LowStockItem> low = o.lowStock(AS_OF, OPTIONS.lowStock());
            assertEquals(low.size(), r.lowStock().count(), "low stock count");
            assertEquals(low.stream().limit(top).toList(), r.lowStock().first(), "low stock first");
        });
        checks.add(() -> assertEquals(o.geography(Q4, GeoLevel.CITY).stream().limit(top).toList(), r.geography()));
        checks.add(() -> assertEquals(o.peakTimes(Q4), r.peakTimes(), "peak times"));
        checks.add(() -> assertEquals(o.peakTimes(Q4).stream().sorted(Comparator.comparingLong(PeakTime::orders)
                .reversed().thenComparing(PeakTime::dayOfWeek).thenComparingInt(PeakTime::hour)).limit(top)
                .toList(), r.busiestHours(), "busiest hours"));
        // top-N lists: as the single calls on the same database (their ties follow its collation)
        Metrics m = Metrics.on(TestData.warehouse(kind), MetricsOptions.defaults().withoutCache());
        checks.add(() -> assertEquals(m.bestsellers(Q4, top, BestsellerRanking.UNITS), r.topProducts(), "products"));
        checks.add(() -> assertEquals(m.lifetimeValues(AS_OF).stream().limit(top).toList(), r.topCustomers()));
        checks.add(() -> assertEquals(m.topSearchTerms(Q4, top), r.searchTerms(), "search terms"));
        checks.add(() -> MetricsMatchOracleTest.assertTopN(o.lifetimeValues(AS_OF), r.topCustomers(), top,
                CustomerValue::customerId, c -> List.of(c.grossRevenue()), "top customers"));
        assertAll(checks);
        assertEquals(top, r.topProducts().size());
        assertTrue(r.lapsedCustomers().count() > top && r.funnel().groups().size() > 1, "a telling data set");
    }

    @EachDatabase
    void theJsonCarriesTheSameFigures(DatabaseKind kind) throws Exception {
        MetricsReport r = report(kind);
        JsonNode json = JSON.readTree(r.toJson());
        assertEquals("2025-10-01", json.at("/range/from").asText());
        assertEquals("2025-12-31", json.at("/as_of").asText());
        assertEquals(4, json.at("/options/top").asInt());
        assertEquals("week", json.at("/options/grain").asText());
        assertEquals("units", json.at("/options/rank_by").asText());
        assertEquals(7200, json.at("/options/funnel/window_seconds").asLong());
        assertEquals("channel", json.at("/options/funnel/breakdown").asText());
        assertEquals("search", json.at("/options/funnel/steps/0").asText());
        assertEquals(r.sales().orders(), json.at("/sales/orders").asLong());
        assertEquals(r.sales().grossRevenue(), json.at("/sales/gross_revenue").decimalValue());
        assertEquals(r.sales().averageOrderValue().orElseThrow(), json.at("/sales/average_order_value").decimalValue());
        assertTrue(json.at("/sales/range").isMissingNode(), "the range is said once");
        assertEquals(r.newVsReturning().returningCustomers().grossRevenue(),
                json.at("/new_vs_returning/returning_customers/gross_revenue").decimalValue());
        assertEquals(r.periods().size(), json.get("periods").size());
        MetricsReport.Period p = r.periods().get(1);
        assertEquals(p.periodStart().toString(), json.at("/periods/1/period_start").asText());
        assertEquals(p.netRevenue(), json.at("/periods/1/net_revenue").decimalValue());
        assertEquals(p.activeCustomers(), json.at("/periods/1/active_customers").asLong());
        assertEquals(r.activeCustomers().stickiness(), json.at("/active_customers/stickiness").asDouble(), 0);
        assertEquals(28, json.at("/active_customers/rolling_averages/1/window_days").asInt());
        assertEquals(r.activeCustomers().rollingAverage(28).orElseThrow(),
                json.at("/active_customers/rolling_averages/1/average_customers").asDouble(), 0);
        assertEquals(r.topProducts().get(0).productId(), json.at("/top_products/0/product_id").asText());
        assertEquals(r.lapsedCustomers().count(), json.at("/lapsed_customers/count").asLong());
        assertEquals(4, json.at("/lapsed_customers/first").size());
        assertEquals(r.topCustomers().get(0).firstOrderDate().toString(),
                json.at("/top_customers/0/first_order_date").asText());
        assertEquals(r.cohortLifetimeValue().get(0).cohort().toString(),
                json.at("/cohort_lifetime_value/0/cohort").asText());
        assertEquals(r.retentionCohorts().get(0).points().get(1).rate(),
                json.at("/retention_cohorts/0/points/1/rate").asDouble(), 0);
        assertEquals(r.rfm().get(0).code(), json.at("/rfm/0/code").asText());
        assertEquals(r.channels().get(0).conversionRate(), json.at("/channels/0/conversion_rate").asDouble(), 0);
        assertEquals(r.conversion().rate(), json.at("/conversion/rate").asDouble(), 0);
        assertEquals(r.searchTerms().get(0).purchaseRate(), json.at("/search_terms/0/purchase_rate").asDouble(), 0);
        assertEquals(r.viewToPurchase().products().get(0).rate(),
                json.at("/view_to_purchase/products/0/rate").asDouble(), 0);
        FunnelStep second = r.funnel().steps().get(1);
        assertEquals("product_view", json.at("/funnel/steps/1/event").asText());
        assertEquals(second.count(), json.at("/funnel/steps/1/count").asLong());
        assertEquals(second.medianTimeFromStart().orElseThrow().toMillis() / 1000.0,
                json.at("/funnel/steps/1/median_time_from_start_seconds").asDouble(), 0);
        assertEquals(r.funnel().groups().size(), json.at("/funnel/groups").size());
        assertEquals(OPTIONS.funnel().toString(), json.at("/funnel/funnel/definition").asText());
        assertEquals(r.sessions().bounceRate(), json.at("/sessions/bounce_rate").asDouble(), 0);
        assertEquals(r.sessions().p90Duration().orElseThrow().toMillis() / 1000.0,
                json.at("/sessions/p90_duration_seconds").asDouble(), 0);
        assertEquals(r.sessions().averageDuration().orElseThrow().toMillis() / 1000.0,
                json.at("/sessions/average_duration_seconds").asDouble(), 0);
        assertEquals(r.lowStock().count(), json.at("/low_stock/count").asLong());
        assertEquals(r.fulfilment().orderToDelivered().orElseThrow().p90Days(),
                json.at("/fulfilment/order_to_delivered/p90_days").asDouble(), 0);
        assertEquals(r.geography().get(0).location(), json.at("/geography/0/location").asText());
        assertEquals(r.busiestHours().get(0).dayOfWeek().name().toLowerCase(java.util.Locale.ROOT),
                json.at("/busiest_hours/0/day_of_week").asText());
        assertEquals(r.peakTimes().size(), json.get("peak_times").size());
        assertEveryKeyIsSnakeCase(json, "");
        assertEveryMoneyHasTwoDecimals(json, "");
    }

    @Test
    void anEmptyRangeGivesAnEmptyReportAndJsonLeavesAbsentValuesOut() throws Exception {
        MetricsReport r = report(DatabaseKind.DUCKDB);
        MetricsReport empty = Metrics.on(TestData.warehouse(DatabaseKind.DUCKDB))
                .report(MetricsMatchOracleTest.NO_DATA);
        assertEquals(0, empty.sales().orders());
        assertTrue(empty.periods().isEmpty() && empty.topProducts().isEmpty() && empty.peakTimes().isEmpty());
        assertEquals(MetricsReport.Options.defaults(), empty.options());
        JsonNode json = JSON.readTree(empty.toJson());
        assertTrue(json.at("/sales/average_order_value").isMissingNode(), "no orders, no average");
        assertFalse(json.at("/sales/gross_revenue").isMissingNode());
        assertTrue(r.toJson().contains("\"as_of\" : \"2025-12-31\""), "ISO days");
    }

    @Test
    void optionsNameTheWrongValue() {
        MetricsReport.Options o = MetricsReport.Options.defaults();
        assertEquals("top 0 is outside 1..1000",
                assertThrows(BookstoreException.class, () -> o.withTop(0)).getMessage());
        assertEquals("lapsedDays 36601 is outside 1..36600",
                assertThrows(BookstoreException.class, () -> o.withLapsedDays(36_601)).getMessage());
        assertEquals(List.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.CHECKOUT, EventType.PURCHASE),
                o.funnel().steps());
        assertEquals(FunnelScope.SESSION, o.funnel().scope());
    }

    /** The periods recomputed from the oracle: revenue per period joined with active customers by period start. */
    private static List<MetricsReport.Period> periods(Oracle o) {
        Map<LocalDate, Long> active = new TreeMap<>();
        o.activeCustomers(Q4, OPTIONS.grain()).forEach(a -> active.put(a.periodStart(), a.customers()));
        return o.revenue(Q4, OPTIONS.grain()).stream().map(p -> new MetricsReport.Period(p.periodStart(), p.orders(),
                p.items(), p.grossRevenue(), p.netRevenue(), p.averageOrderValue(),
                active.getOrDefault(p.periodStart(), 0L))).toList();
    }

    /** RFM groups recomputed independently: count and sum per code, most customers first, then by code. */
    private static List<MetricsReport.RfmGroup> rfmGroups(List<RfmScore> scores) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (RfmScore s : scores) {
            String code = "" + s.recencyScore() + s.frequencyScore() + s.monetaryScore();
            counts.computeIfAbsent(code, k -> new long[1])[0]++;
            sums.merge(code, s.monetary(), BigDecimal::add);
        }
        List<MetricsReport.RfmGroup> groups = new ArrayList<>();
        counts.forEach((code, n) -> groups.add(new MetricsReport.RfmGroup(code, n[0], sums.get(code))));
        groups.sort(Comparator.comparingLong(MetricsReport.RfmGroup::customers).reversed()
                .thenComparing(MetricsReport.RfmGroup::code));
        return groups;
    }

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private static void assertEveryKeyIsSnakeCase(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                assertTrue(SNAKE.matcher(key).matches(), () -> "key " + path + "/" + key + " is not snake_case");
                assertEveryKeyIsSnakeCase(node.get(key), path + "/" + key);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertEveryKeyIsSnakeCase(node.get(i), path + "/" + i);
            }
        }
    }

    /** Every revenue, amount and value field is an exact decimal with two places. */
    private static void assertEveryMoneyHasTwoDecimals(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                JsonNode v = node.get(key);
                if (key.endsWith("_revenue") || key.endsWith("_amount") || key.endsWith("order_value")
                        || key.equals("monetary") || key.equals("revenue_per_customer")) {
                    assertTrue(v.isBigDecimal() && v.decimalValue().scale() == 2,
                            () -> path + "/" + key + " = " + v + " is not money to the penny");
                }
                assertEveryMoneyHasTwoDecimals(v, path + "/" + key);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertEveryMoneyHasTwoDecimals(node.get(i), path + "/" + i);
            }
        }
    }
}
