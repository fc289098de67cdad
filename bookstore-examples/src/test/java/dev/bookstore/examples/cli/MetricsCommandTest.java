package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bookstore.metrics.BestsellerRanking;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.Funnel;
import dev.bookstore.metrics.FunnelDimension;
import dev.bookstore.metrics.FunnelResult;
import dev.bookstore.metrics.FunnelScope;
import dev.bookstore.metrics.GeoLevel;
import dev.bookstore.metrics.GeoSales;
import dev.bookstore.metrics.Granularity;
import dev.bookstore.metrics.LowStockRule;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.ProductSales;
import dev.bookstore.metrics.RevenuePoint;
import dev.bookstore.metrics.SalesSummary;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bookstore metrics}: every question as text and JSON, equal to the library's figures; options; exit codes. */
class MetricsCommandTest {
    @TempDir
    static Path dir;
    static String db;
    static final DateRange RANGE = DateRange.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28));
    static final LocalDate AS_OF = RANGE.to();
    /** Reads decimals exactly, with their scale, so money compares to the penny. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @BeforeAll
    static void buildAWarehouse() {
        Path data = dir.resolve("data");
        BookstoreCliTest.Run gen = BookstoreCliTest.run("generate", "--out", data.toString(), "--customers", "400",
                "--products", "60", "--months", "2", "--events", "4000");
        assertEquals(0, gen.exit(), gen::toString);
        db = "jdbc:duckdb:" + dir.resolve("wh.duckdb");
        BookstoreCliTest.Run run = BookstoreCliTest.run("run", "--db", db, "--data", data.toString());
        assertEquals(0, run.exit(), run::toString);
    }

    @Test
    void printsAReadableSummary() {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28");
        assertEquals(0, r.exit(), r::toString);
        for (String part : new String[] {"Revenue   gross", "Orders", "average order value", "Buyers    new",
            "Active", "rolling 7 days", "stickiness", "Lapsed", "without an order in the 60 days to 2025-02-28",
            "Sessions", "bounce rate", "Converts", "Shipping  order", "By month", "2025-01",
            "Top products by revenue", "Categories", "Subcategories", "Top customers by lifetime value",
            "Cohort lifetime value", "Retention cohorts", "RFM", "Channels", "Top search terms",
            "Most viewed products", "Funnel (product_view", "p90 time", "Low stock on 2025-02-28", "By country",
            "Peak ordering times"}) {
            assertTrue(r.out().contains(part), () -> "missing '" + part + "' in\n" + r.out());
        }
        assertEquals("", r.err());
    }

    @Test
    void printsTheSameFiguresAsJson() throws Exception {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28", "--json", "--top", "3");
        assertEquals(0, r.exit(), r::toString);
        JsonConvention.check(r.out());
        JsonNode json = JSON.readTree(r.out());
        SalesSummary sales;
        try (Warehouse wh = Warehouse.connect(db)) {
            sales = Metrics.on(wh).sales(DateRange.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28)));
        }
        assertEquals(sales.orders(), json.at("/sales/orders").asLong());
        assertEquals(sales.grossRevenue(), json.at("/sales/gross_revenue").decimalValue());
        assertEquals(sales.averageOrderValue().orElseThrow(), json.at("/sales/average_order_value").decimalValue());
        assertEquals(3, json.get("top_products").size());
        assertEquals(4, json.at("/funnel/steps").size());
        assertEquals(2, json.get("periods").size());
        assertTrue(json.get("channels").size() > 0 && json.get("retention_cohorts").size() == 2, r.out());
        try (Warehouse wh = Warehouse.connect(db)) {
            Metrics m = Metrics.on(wh);
            List<RevenuePoint> months = m.revenue(RANGE, Granularity.MONTH);
            assertEquals(months.get(1).grossRevenue(), json.at("/periods/1/gross_revenue").decimalValue());
            assertEquals(m.activeCustomers(RANGE, Granularity.MONTH).get(0).customers(),
                    json.at("/periods/0/active_customers").asLong());
            assertEquals(m.stickiness(RANGE).ratio(), json.at("/active_customers/stickiness").asDouble(), 1e-12);
            assertEquals(m.rollingActiveCustomers(RANGE, 7).stream().mapToLong(a -> a.customers()).average()
                    .orElseThrow(), json.at("/active_customers/rolling_averages/0/average_customers").asDouble(), 1e-9);
            assertEquals(m.newVsReturning(RANGE).newCustomers().grossRevenue(),
                    json.at("/new_vs_returning/new_customers/gross_revenue").decimalValue());
            assertEquals(m.newVsReturning(RANGE).returningCustomers().grossRevenue(),
                    json.at("/new_vs_returning/returning_customers/gross_revenue").decimalValue());
            assertEquals(m.revenueBySubcategory(RANGE).get(0).subcategory(),
                    json.at("/subcategories/0/subcategory").asText());
            assertEquals(m.lapsedCustomers(AS_OF, 60).size(), json.at("/lapsed_customers/count").asInt());
            assertEquals(m.lifetimeValues(AS_OF).get(0).customerId(), json.at("/top_customers/0/customer_id").asText());
            assertEquals(m.cohortLifetimeValue(RANGE).get(0).points().get(1).revenuePerCustomer(),
                    json.at("/cohort_lifetime_value/0/points/1/revenue_per_customer").decimalValue());
            assertEquals(m.retention(RANGE).get(0).points().get(1).activeCustomers(),
                    json.at("/retention_cohorts/0/points/1/active_customers").asLong());
            long rfmCustomers = 0;
            for (JsonNode g : json.get("rfm")) {
                rfmCustomers += g.get("customers").asLong();
            }
            assertEquals(m.rfm(AS_OF).size(), rfmCustomers);
            assertEquals(m.conversion(RANGE).purchasingSessions(), json.at("/conversion/purchasing_sessions").asLong());
            assertEquals(m.topSearchTerms(RANGE, 3).get(0).searches(), json.at("/search_terms/0/searches").asLong());
            assertEquals(m.viewToPurchase(RANGE, 3).viewSessions(), json.at("/view_to_purchase/view_sessions").asLong());
            assertEquals(3, json.at("/view_to_purchase/products").size());
            assertEquals(m.sessions(RANGE).sessions(), json.at("/sessions/sessions").asLong());
            assertEquals(m.sessions(RANGE).bounceRate(), json.at("/sessions/bounce_rate").asDouble(), 1e-12);
            assertEquals(m.lowStock(AS_OF, LowStockRule.defaults()).size(), json.at("/low_stock/count").asInt());
            assertEquals(m.fulfilment(RANGE).orderToDelivered().orElseThrow().p90Days(),
                    json.at("/fulfilment/order_to_delivered/p90_days").asDouble(), 1e-9);
            assertEquals(m.geography(RANGE, GeoLevel.COUNTRY).get(0).grossRevenue(),
                    json.at("/geography/0/gross_revenue").decimalValue());
            assertEquals(m.peakTimes(RANGE).size(), json.get("peak_times").size());
        }
    }

    @Test
    void theOptionsChooseTheQuestions() throws Exception {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28", "--json", "--grain", "week", "--rank-by", "units", "--funnel",
                "search,product_view,purchase", "--funnel-within", "2h", "--funnel-ordering", "strict",
                "--funnel-scope", "user", "--funnel-by", "channel", "--geo", "city", "--lapsed-days", "30",
                "--stock-below", "0", "--cover-days", "30", "--velocity-days", "7", "--top", "4");
        assertEquals(0, r.exit(), r::toString);
        JsonConvention.check(r.out());
        JsonNode json = JSON.readTree(r.out());
        try (Warehouse wh = Warehouse.connect(db)) {
            Metrics m = Metrics.on(wh);
            assertEquals(m.revenue(RANGE, Granularity.WEEK).size(), json.get("periods").size());
            assertEquals("week", json.at("/options/grain").asText());
            List<Long> units = new ArrayList<>();
            json.get("top_products").forEach(p -> units.add(p.get("units").asLong()));
            assertEquals(m.bestsellers(RANGE, 4, BestsellerRanking.UNITS).stream().map(ProductSales::units).toList(),
                    units);
            FunnelResult funnel = m.funnel(Funnel.of(EventType.SEARCH, EventType.PRODUCT_VIEW, EventType.PURCHASE)
                    .within(Duration.ofHours(2)).strict().scope(FunnelScope.USER).by(FunnelDimension.CHANNEL), RANGE);
            assertEquals(funnel.steps().get(2).count(), json.at("/funnel/steps/2/count").asLong());
            assertTrue(funnel.groups().size() > 1, "several channels");
            assertEquals(funnel.groups().size(), json.at("/funnel/groups").size());
            assertEquals(funnel.groups().get(0).steps().get(1).count(),
                    json.at("/funnel/groups/0/steps/1/count").asLong());
            GeoSales city = m.geography(RANGE, GeoLevel.CITY).get(0);
            assertEquals(city.location(), json.at("/geography/0/location").asText());
            assertEquals(m.lapsedCustomers(AS_OF, 30).size(), json.at("/lapsed_customers/count").asInt());
            assertEquals(m.lowStock(AS_OF, new LowStockRule(0, 7, 30)).size(), json.at("/low_stock/count").asInt());
        }
        BookstoreCliTest.Run text = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28", "--grain", "quarter", "--funnel-by", "device");
        assertEquals(0, text.exit(), text::toString);
        assertTrue(text.out().contains("By quarter") && text.out().contains("2025-Q1")
                && text.out().contains("Funnel by device"), text.out());
    }

    @Test
    void aBadOptionValueIsAUsageErrorListingTheChoices() {
        BookstoreCliTest.Run grain = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28", "--grain", "fortnight");
        assertEquals(2, grain.exit(), grain::toString);
        assertTrue(grain.err().contains("'fortnight' is not one of day, week, month, quarter"), grain.err());
        BookstoreCliTest.Run window = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28", "--funnel-within", "3x");
        assertEquals(2, window.exit(), window::toString);
        assertTrue(window.err().contains("'3x' is not a time such as 45s, 30m, 2h or 7d"), window.err());
        BookstoreCliTest.Run steps = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-01-01", "--to",
                "2025-02-28", "--funnel", "purchase");
        assertEquals(2, steps.exit(), steps::toString);
        assertTrue(steps.err().contains("'--funnel': 1 steps; give 2..10"), steps.err());
    }

    @Test
    void aReversedRangeIsAUsageError() {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-03-01", "--to",
                "2025-01-01");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().startsWith("error: Invalid values: --from 2025-03-01 is after --to 2025-01-01"), r.err());
    }

    @Test
    void aBadDateIsAUsageErrorAndAnUnreachableDatabaseAOneLineFailure() {
        BookstoreCliTest.Run bad = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-13-01", "--to",
                "2025-12-31");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("--from"), bad.err());
        BookstoreCliTest.Run down = BookstoreCliTest.run("metrics", "--db", "jdbc:nope:x", "--from", "2025-01-01",
                "--to", "2025-01-31");
        assertEquals(1, down.exit(), down::toString);
        assertEquals(1, down.err().strip().lines().count(), down.err());
    }
}
