package dev.bookstore.examples.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.examples.cli.JsonConvention;
import dev.bookstore.metrics.BestsellerRanking;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.Funnel;
import dev.bookstore.metrics.FunnelDimension;
import dev.bookstore.metrics.FunnelScope;
import dev.bookstore.metrics.GeoLevel;
import dev.bookstore.metrics.Granularity;
import dev.bookstore.metrics.LowStockRule;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.MetricsOptions;
import dev.bookstore.metrics.MetricsReport;
import dev.bookstore.ml.ChurnExplanation;
import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.Features;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.ml.Clv;
import dev.bookstore.ml.CustomerValue;
import dev.bookstore.ml.DemandForecast;
import dev.bookstore.ml.RecommendationQuery;
import dev.bookstore.ml.Recommender;
import dev.bookstore.ml.RfmSummary;
import dev.bookstore.ml.Segmentation;
import dev.bookstore.ml.Segments;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/**
 * Every route of the service on a warehouse built from generated data, on DuckDB and PostgreSQL: each answer
 * equals what the library computes for the same arguments (the service is glue); each bad request of the table
 * gets its documented 4xx with a JSON body naming the parameter, never a 500 or a stack trace.
 */
class ServiceRoutesTest {
    private static final DateRange Q4 = DateRange.of(LocalDate.parse(ServedWarehouse.FROM),
            LocalDate.parse(ServedWarehouse.TO));
    private static final String RANGE = "from=" + ServedWarehouse.FROM + "&to=" + ServedWarehouse.TO;

    /** A value as the service's JSON, read back (numbers typed as any JSON reader types them). */
    static JsonNode json(Object value) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(value));
    }

    /** A query string of name, value pairs, values URL-encoded: {@code ?a=1&b=2}. */
    static String q(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            b.append(b.length() == 0 ? "?" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void everyMetricEqualsTheLibrarysAnswer(DatabaseKind kind) {
        ServedWarehouse s = ServedWarehouse.on(kind);
        Metrics m = Metrics.on(s.warehouse(), MetricsOptions.defaults().withoutCache());
        LocalDate asOf = Q4.to();
        Map<String, Supplier<Object>> expected = new LinkedHashMap<>();
        expected.put("/metrics/sales?" + RANGE, () -> m.sales(Q4));
        expected.put("/metrics/revenue?" + RANGE + "&grain=week", () -> m.revenue(Q4, Granularity.WEEK));
        expected.put("/metrics/average-order-value?" + RANGE, () -> Map.of("range", Q4, "average_order_value",
                m.averageOrderValue(Q4)));
        expected.put("/metrics/bestsellers?" + RANGE + "&top=3&rank_by=units",
                () -> m.bestsellers(Q4, 3, BestsellerRanking.UNITS));
        expected.put("/metrics/categories?" + RANGE, () -> m.revenueByCategory(Q4).stream().limit(10).toList());
        expected.put("/metrics/subcategories?" + RANGE + "&top=50",
                () -> m.revenueBySubcategory(Q4).stream().limit(50).toList());
        expected.put("/metrics/new-vs-returning?" + RANGE, () -> m.newVsReturning(Q4));
        expected.put("/metrics/active-customers?" + RANGE + "&grain=day",
                () -> m.activeCustomers(Q4, Granularity.DAY));
        expected.put("/metrics/rolling-active-customers?" + RANGE + "&window=28",
                () -> m.rollingActiveCustomers(Q4, 28));
        expected.put("/metrics/stickiness?" + RANGE, () -> m.stickiness(Q4));
        expected.put("/metrics/lapsed-customers?as_of=" + asOf + "&days=30&top=5",
                () -> MetricsRoutes.Page.of(m.lapsedCustomers(asOf, 30), 5));
        expected.put("/metrics/lifetime-values?as_of=" + asOf, () -> MetricsRoutes.Page.of(m.lifetimeValues(asOf), 100));
        expected.put("/metrics/cohort-lifetime-value?" + RANGE, () -> m.cohortLifetimeValue(Q4));
        expected.put("/metrics/retention?" + RANGE, () -> m.retention(Q4));
        expected.put("/metrics/rfm?as_of=" + asOf + "&top=20", () -> MetricsRoutes.Page.of(m.rfm(asOf), 20));
        expected.put("/metrics/channels?" + RANGE, () -> m.channels(Q4));
        expected.put("/metrics/conversion?" + RANGE, () -> m.conversion(Q4));
        expected.put("/metrics/search-terms?" + RANGE + "&top=5", () -> m.topSearchTerms(Q4, 5));
        expected.put("/metrics/view-to-purchase?" + RANGE + "&top=0", () -> m.viewToPurchase(Q4, 0));
        expected.put("/metrics/funnel?" + RANGE + "&steps=product_view,add_to_cart,purchase&within=2h&by=channel",
                () -> m.funnel(Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.PURCHASE)
                        .within(Duration.ofHours(2)).scope(FunnelScope.SESSION).by(FunnelDimension.CHANNEL), Q4));
        expected.put("/metrics/sessions?" + RANGE, () -> m.sessions(Q4));
        expected.put("/metrics/low-stock?as_of=" + asOf + "&stock_below=20",
                () -> MetricsRoutes.Page.of(m.lowStock(asOf, new LowStockRule(20, 28, 14)), 100));
        expected.put("/metrics/fulfilment?" + RANGE, () -> m.fulfilment(Q4));
        expected.put("/metrics/geography?" + RANGE + "&level=city", () -> m.geography(Q4, GeoLevel.CITY));
        expected.put("/metrics/peak-times?" + RANGE, () -> m.peakTimes(Q4));
        List<Executable> checks = new ArrayList<>();
        expected.forEach((path, library) -> checks.add(() -> {
            Http.Answer a = Http.get(s.service().url(), path);
            assertEquals(200, a.status(), path + ": " + a.body());
            assertTrue(a.contentType().startsWith("application/json"), path + ": " + a.contentType());
            assertEquals(json(library.get()), a.json(), path);
            JsonConvention.check(a.body());
        }));
        assertAll(checks);
        List<String> questions = s.service().routes().stream().filter(r -> r.startsWith("GET /metrics/")).toList();
        assertEquals(questions.size(), expected.size(), "every question is checked: " + questions);
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void churnScoresEqualTheModelsFromTheWarehouseAndFromABody(DatabaseKind kind) throws Exception {
        ServedWarehouse s = ServedWarehouse.on(kind);
        ChurnModel model = ModelFile.read(s.models().resolve(ModelShelf.CHURN_FILE));
        LocalDate day = model.metadata().evaluationAsOf();
        double[] x = Features.of(s.warehouse()).customer("CUST_1", day);
        ChurnExplanation expected = model.explain(x, 3);

        Http.Answer get = Http.get(s.service().url(), "/predict/churn?customer_id=CUST_1&top=3");
        assertEquals(200, get.status(), get.body());
        JsonNode g = get.json();
        assertEquals(expected.probability(), g.get("probability").asDouble(), 1e-12);
        assertEquals(json(expected.contributions()), g.get("contributions"));
        assertEquals(day.toString(), g.get("as_of").asText());
        assertEquals(model.fingerprint(), g.get("model").asText());

        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode features = body.putObject("features");
        for (int i = 0; i < x.length; i++) {
            features.put(model.schema().columns().get(i), x[i]);
        }
        Http.Answer post = Http.post(s.service().url(), "/predict/churn?top=3", Json.MAPPER.writeValueAsBytes(body));
        assertEquals(200, post.status(), post.body());
        assertEquals(expected.probability(), post.json().get("probability").asDouble(), 1e-12);
        assertEquals(g.get("contributions"), post.json().get("contributions"));
        assertFalse(post.json().has("customer_id"));
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void monitoringRoutesAnswerFromTheWarehouse(DatabaseKind kind) throws Exception {
        ServedWarehouse s = ServedWarehouse.on(kind);
        Warehouse wh = s.warehouse();
        String url = s.service().url();

        JsonNode health = Http.get(url, "/health").json();
        assertEquals("ok", health.get("status").asText(), health.toString());
        assertEquals(wh.schemaVersion(), health.get("warehouse").get("schema_version").asInt());
        assertEquals(ModelFile.read(s.models().resolve(ModelShelf.CHURN_FILE)).fingerprint(),
                health.get("models").get(0).get("fingerprint").asText());
        assertEquals("recommender", health.get("models").get(1).get("kind").asText(), health.toString());
        assertEquals(Recommender.read(s.models().resolve(ModelShelf.RECS_FILE)).metadata().trainAsOf().toString(),
                health.get("models").get(1).get("trained_as_of").asText());

        JsonNode quality = Http.get(url, "/data-quality").json();
        assertTrue(quality.get("tests").size() > 10, quality.toString());
        long notPassing = 0;
        for (JsonNode t : quality.get("tests")) {
            assertTrue(List.of("pass", "warn", "fail", "error").contains(t.get("status").asText()), t.toString());
            notPassing += t.get("status").asText().equals("pass") ? 0 : 1;
        }
        assertEquals(notPassing, quality.get("failing").asLong());
        for (String source : List.of("orders", "customers", "products", "events")) {
            long quarantined = wh.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM "
                    + wh.table(Layer.RAW, source + "_quarantine")).mapTo(Long.class).one());
            long rows = 0;
            JsonNode rules = quality.get("quarantine").get(source);
            for (JsonNode n : rules) {
                rows += n.asLong();
            }
            assertTrue(rows >= quarantined, source + ": every row counted under each of its rules: " + rules);
            assertEquals(quarantined == 0, rows == 0, source + ": " + rules);
        }
        assertTrue(quality.get("quarantine").get("orders").has("negative_price"), quality.toString());

        Http.Answer stored = Http.post(url, "/model-health?as_of=" + ServedWarehouse.TO, new byte[0]);
        assertEquals(200, stored.status(), stored.body());
        JsonNode history = Http.get(url, "/model-health").json();
        assertEquals(stored.json().get("run_id"), history.get(history.size() - 1).get("run_id"));
        assertEquals(stored.json().get("health").get("score_psi"), history.get(history.size() - 1).get("health")
                .get("score_psi"));

        Segmentation seg = Segments.of(wh).asOf(LocalDate.parse(ServedWarehouse.TO));
        JsonNode segments = Http.get(url, "/segments?as_of=" + ServedWarehouse.TO + "&customer_id=CUST_1").json();
        assertEquals(json(seg.segments()), segments.get("segments"));
        assertEquals(seg.segmentOf("CUST_1").orElseThrow(), segments.get("segment").asText());

        Metrics m = Metrics.on(wh, MetricsOptions.defaults().withoutCache());
        JsonNode report = Http.get(url, "/report?" + RANGE).json();
        assertEquals(Json.MAPPER.readTree(m.report(Q4, MetricsReport.Options.defaults().withTop(10)).toJson()), report);
        assertEquals(m.sales(Q4).orders(), report.get("sales").get("orders").asLong());
        JsonNode weekly = Http.get(url, "/report?" + RANGE + "&top=3&grain=week&rank_by=units&level=city").json();
        assertEquals(Json.MAPPER.readTree(m.report(Q4, MetricsReport.Options.defaults().withTop(3)
                .withGrain(Granularity.WEEK).withRankBy(BestsellerRanking.UNITS).withGeo(GeoLevel.CITY)).toJson()),
                weekly);

        JsonNode openApi = Http.get(url, "/openapi.json").json();
        for (String route : s.service().routes()) {
            String[] mp = route.split(" ");
            assertTrue(openApi.get("paths").has(mp[1]) && openApi.get("paths").get(mp[1])
                    .has(mp[0].toLowerCase(java.util.Locale.ROOT)), "documented: " + route);
        }

        Http.get(url, "/metrics/sales?" + RANGE);
        String prometheus = Http.get(url, "/prometheus").body();
        assertTrue(prometheus.matches("(?s).*bookstore_http_requests_seconds_count\\{method=\"GET\",route=\"/metrics/sales\","
                + "status=\"200\"} [1-9].*"), prometheus);
        assertTrue(prometheus.contains("bookstore_http_requests_seconds_bucket{"), "latency histogram");
        assertTrue(prometheus.matches("(?s).*bookstore_predictions_total\\{model=\"churn\"} [1-9].*")
                || !prometheus.contains("bookstore_predictions_total"), prometheus);
        assertTrue(prometheus.contains("bookstore_data_version"), prometheus);
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void modelRoutesAnswerWhatTheLibraryComputes(DatabaseKind kind) throws Exception {
        ServedWarehouse s = ServedWarehouse.on(kind);
        Warehouse wh = s.warehouse();
        String url = s.service().url();

        Recommender recs = Recommender.read(s.models().resolve(ModelShelf.RECS_FILE));
        String customer = recs.customersWithHistory().get(0);
        Http.Answer recommend = Http.get(url, "/recommend" + q("customer_id", customer, "k", "7"));
        assertEquals(200, recommend.status(), recommend.body());
        assertEquals(json(recs.forCustomer(customer, RecommendationQuery.top(7))),
                recommend.json().get("recommendations"));
        assertEquals(customer, recommend.json().get("customer_id").asText());
        assertEquals(recs.metadata().trainAsOf().toString(), recommend.json().get("trained_as_of").asText());
        JsonNode diverse = Http.get(url, "/recommend" + q("customer_id", customer, "k", "6", "in_stock", "true",
                "per_category", "2")).json();
        assertEquals(json(recs.forCustomer(customer, RecommendationQuery.top(6).excludingOutOfStock()
                .atMostPerCategory(2))), diverse.get("recommendations"));
        JsonNode fallback = Http.get(url, "/recommend" + q("customer_id", customer)).json();
        assertEquals(10, fallback.get("recommendations").size(), "k defaults to 10");

        String product = recommend.json().get("recommendations").get(0).get("product_id").asText();
        Http.Answer also = Http.get(url, "/also-bought" + q("product_id", product, "k", "5"));
        assertEquals(200, also.status(), also.body());
        assertEquals(json(recs.alsoBought(product, 5)), also.json().get("recommendations"));
        assertEquals(product, also.json().get("product_id").asText());
        assertFalse(also.json().has("customer_id"));

        // CLV: the stored run's values equal the library's values fitted again here
        RfmSummary summary = Clv.summary(wh, ServedWarehouse.AS_OF);
        Clv clv = Clv.fit(summary);
        List<CustomerValue> values = clv.values(summary, clv.preferred(), 52, 0.01);
        for (CustomerValue v : List.of(values.get(0), values.get(values.size() / 2), values.get(values.size() - 1))) {
            Http.Answer a = Http.get(url, "/clv" + q("customer_id", v.customerId()));
            assertEquals(200, a.status(), a.body());
            JsonNode c = a.json();
            assertEquals(v.customerId(), c.get("customer_id").asText());
            assertEquals(ServedWarehouse.AS_OF.toString(), c.get("as_of").asText());
            assertEquals(v.clv(), c.get("clv").asDouble(), 1e-9 * Math.max(1, Math.abs(v.clv())));
            assertEquals(v.probabilityAlive(), c.get("probability_alive").asDouble(), 1e-9);
            assertEquals(v.expectedPurchases(), c.get("expected_purchases").asDouble(), 1e-9);
            assertEquals(v.expectedSpend(), c.get("expected_spend").asDouble(), 1e-9 * Math.max(1, v.expectedSpend()));
            assertEquals(52, c.get("horizon_weeks").asInt());
            assertEquals(clv.preferred().key(), c.get("model").asText());
        }

        // forecast: one series of the library's run over every product (or category)
        DemandForecast.Result products = DemandForecast.of(wh).run(ServedWarehouse.AS_OF,
                DemandForecast.Options.defaults().withHorizonWeeks(4));
        String series = products.forecasts().get(0).series();
        Http.Answer forecast = Http.get(url, "/forecast" + q("product_id", series, "as_of", ServedWarehouse.TO,
                "weeks", "4"));
        assertEquals(200, forecast.status(), forecast.body());
        assertEquals(json(products.forecasts().stream().filter(w -> w.series().equals(series)).toList()),
                forecast.json().get("weeks"));
        assertEquals(4, forecast.json().get("weeks").size());
        assertEquals(products.lastWeekStart().toString(), forecast.json().get("last_week_start").asText());
        java.util.Optional<DemandForecast.Reorder> expectedReorder = products.reorders().stream()
                .filter(o -> o.productId().equals(series)).findFirst();
        assertEquals(expectedReorder.isPresent(), forecast.json().has("reorder"), forecast.body());
        if (!products.reorders().isEmpty()) {
            String low = products.reorders().get(0).productId();
            JsonNode reorder = Http.get(url, "/forecast" + q("product_id", low, "as_of", ServedWarehouse.TO,
                    "weeks", "4")).json().get("reorder");
            assertEquals(json(products.reorders().get(0)), reorder);
        }
        DemandForecast.Result categories = DemandForecast.of(wh).run(ServedWarehouse.AS_OF,
                DemandForecast.Options.defaults().withLevel(DemandForecast.Level.CATEGORY));
        String category = categories.forecasts().get(0).series();
        JsonNode byCategory = Http.get(url, "/forecast" + q("category", category, "as_of", ServedWarehouse.TO))
                .json();
        assertEquals(json(categories.forecasts().stream().filter(w -> w.series().equals(category)).toList()),
                byCategory.get("weeks"));
        assertEquals("category", byCategory.get("level").asText());
        LocalDate lastOrder = wh.withHandle(h -> h.createQuery("SELECT MAX(order_date) FROM "
                + wh.table(Layer.MARTS, "fct_orders")).mapTo(LocalDate.class).one());
        JsonNode byDefault = Http.get(url, "/forecast" + q("category", category)).json();
        assertEquals(lastOrder.toString(), byDefault.get("as_of").asText(), "as_of defaults to the latest order day");

        String prometheus = Http.get(url, "/prometheus").body();
        for (String model : List.of("recommender", "forecast")) {
            assertTrue(prometheus.matches("(?s).*bookstore_predictions_total\\{model=\"" + model + "\"} [1-9].*"),
                    model + ": " + prometheus);
        }
    }

    /**
     * One JSON convention on every route, the CLI's {@code --json} and {@code /report}'s: snake_case names, enum
     * values in lower-case snake_case, durations as seconds; a metric reads the same in its route and in the report.
     */
    @EachDatabase({DatabaseKind.DUCKDB})
    void everyAnswerFollowsTheReportsJsonConvention(DatabaseKind kind) throws Exception {
        ServedWarehouse s = ServedWarehouse.on(kind);
        String url = s.service().url();
        Metrics m = Metrics.on(s.warehouse(), MetricsOptions.defaults().withoutCache());

        JsonNode report = Http.get(url, "/report?" + RANGE).json();
        JsonNode sales = JsonConvention.check(Http.get(url, "/metrics/sales?" + RANGE).body());
        assertEquals(report.get("sales"), sales, "the same record, the same JSON");
        assertEquals(0, m.sales(Q4).grossRevenue().compareTo(new java.math.BigDecimal(sales.get("gross_revenue")
                .asText())), sales.toString());
        assertEquals(0, m.averageOrderValue(Q4).orElseThrow().compareTo(new java.math.BigDecimal(
                sales.get("average_order_value").asText())), sales.toString());
        assertEquals(report.get("conversion"), Http.get(url, "/metrics/conversion?" + RANGE).json());

        JsonNode funnel = JsonConvention.check(Http.get(url, "/metrics/funnel?" + RANGE
                + "&steps=product_view,add_to_cart,purchase&within=2h&ordering=strict&scope=user").body());
        assertEquals(7200, funnel.get("funnel").get("window_seconds").asLong(), funnel.toString());
        assertFalse(funnel.get("funnel").has("window"));
        assertEquals("strict", funnel.get("funnel").get("ordering").asText());
        assertEquals("user", funnel.get("funnel").get("scope").asText());
        assertEquals("product_view", funnel.get("steps").get(0).get("event").asText());
        assertEquals("add_to_cart", funnel.get("steps").get(1).get("event").asText());

        Recommender recs = Recommender.read(s.models().resolve(ModelShelf.RECS_FILE));
        String customer = recs.customersWithHistory().get(0);
        JsonNode recommend = JsonConvention.check(Http.get(url, "/recommend" + q("customer_id", customer, "k", "5"))
                .body());
        assertEquals(recs.method().name().toLowerCase(java.util.Locale.ROOT), recommend.get("method").asText());
        List<dev.bookstore.ml.Recommendation> expected = recs.forCustomer(customer, RecommendationQuery.top(5));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).source().name().toLowerCase(java.util.Locale.ROOT),
                    recommend.get("recommendations").get(i).get("source").asText());
        }
        assertEquals("co_occurrence", Http.get(url, "/also-bought" + q("product_id", expected.get(0).productId()))
                .json().get("method").asText());

        for (String path : List.of("/health", "/predict/churn?customer_id=CUST_1&top=3", "/clv?customer_id=CUST_1",
                "/segments?as_of=" + ServedWarehouse.TO, "/forecast?category=" + URLEncoder.encode(
                        m.revenueByCategory(Q4).get(0).category(), StandardCharsets.UTF_8), "/data-quality",
                "/model-health", "/metrics/sessions?" + RANGE, "/metrics/peak-times?" + RANGE)) {
            Http.Answer a = Http.get(url, path);
            assertEquals(200, a.status(), path + ": " + a.body());
            JsonConvention.check(a.body());
        }
        JsonNode tooLarge = Http.post(url, "/predict/churn", new byte[ChurnRoutes.BODY_LIMIT + 1]).json();
        assertEquals(ChurnRoutes.BODY_LIMIT, tooLarge.get("limit_bytes").asInt(), tooLarge.toString());
        JsonNode bad = JsonConvention.check(Http.get(url, "/predict/churn?customer_id=CUST_1&as_of=yesterday").body());
        assertEquals("as_of", bad.get("parameter").asText());
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void theDrillDownNarrowsTheBestsellersToASubcategory(DatabaseKind kind) {
        ServedWarehouse s = ServedWarehouse.on(kind);
        Metrics m = Metrics.on(s.warehouse(), MetricsOptions.defaults().withoutCache());
        dev.bookstore.metrics.CategorySales top = m.revenueBySubcategory(Q4).get(0);
        JsonNode books = Http.get(s.service().url(), "/metrics/bestsellers?" + RANGE + q("top", "50", "category",
                top.category(), "subcategory", top.subcategory()).replace('?', '&')).json();
        List<dev.bookstore.metrics.ProductSales> expected = m.bestsellers(Q4, 10_000, BestsellerRanking.REVENUE)
                .stream().filter(p -> p.category().equals(top.category()) && p.subcategory().equals(top.subcategory()))
                .limit(50).toList();
        assertFalse(expected.isEmpty());
        assertEquals(expected.size(), books.size());
        for (int i = 0; i < books.size(); i++) {
            assertEquals(expected.get(i).productId(), books.get(i).get("product_id").asText());
            assertEquals(top.subcategory(), books.get(i).get("subcategory").asText());
        }
    }

    /** A bad request and what it must get. */
    record Bad(String method, String path, byte[] body, int status, String parameter) {
        static Bad get(String path, int status, String parameter) {
            return new Bad("GET", path, null, status, parameter);
        }

        static Bad post(String path, String body, int status, String parameter) {
            return new Bad("POST", path, body.getBytes(StandardCharsets.UTF_8), status, parameter);
        }
    }

    static List<Bad> badRequests() {
        String features = "{\"features\": {" + String.join(", ", Features.SCHEMA.columns().stream()
                .map(c -> "\"" + c + "\": 1").toList()) + "}}";
        return List.of(
                Bad.get("/metrics/sales", 400, "from"),
                Bad.get("/metrics/sales" + q("from", "2025-13-01", "to", "2025-12-31"), 400, "from"),
                Bad.get("/metrics/sales" + q("from", "yesterday", "to", "2025-12-31"), 400, "from"),
                Bad.get("/metrics/sales" + q("from", "2025-12-31", "to", "2025-01-01"), 400, "from"),
                Bad.get("/metrics/sales" + q("from", "1900-01-01", "to", "2025-01-01"), 400, "to"),
                Bad.get("/metrics/sales?" + RANGE + "&from=2025-01-01", 400, "from"),
                Bad.get("/metrics/sales?" + RANGE + "&bogus=1", 400, "bogus"),
                Bad.get("/metrics/revenue?" + RANGE + "&grain=hourly", 400, "grain"),
                Bad.get("/metrics/bestsellers?" + RANGE + "&top=-5", 400, "top"),
                Bad.get("/metrics/bestsellers?" + RANGE + "&top=1000000000", 400, "top"),
                Bad.get("/metrics/bestsellers?" + RANGE + "&top=99999999999999999999", 400, "top"),
                Bad.get("/metrics/bestsellers?" + RANGE + "&top=1.5", 400, "top"),
                Bad.get("/metrics/bestsellers?" + RANGE + "&top=ten", 400, "top"),
                Bad.get("/metrics/bestsellers?" + RANGE + "&rank_by=price", 400, "rank_by"),
                Bad.get("/metrics/funnel?" + RANGE + "&steps=product_view", 400, "steps"),
                Bad.get("/metrics/funnel?" + RANGE + "&" + q("steps", "product_view,'; DROP TABLE x; --").substring(1), 400, "steps"),
                Bad.get("/metrics/funnel?" + RANGE + "&within=0d", 400, "within"),
                Bad.get("/metrics/funnel?" + RANGE + "&by=weather", 400, "by"),
                Bad.get("/metrics/lapsed-customers?as_of=2025-12-31&days=0", 400, "days"),
                Bad.get("/metrics/low-stock?as_of=2025-12-31&stock_below=-1", 400, "stock_below"),
                Bad.get("/metrics/rolling-active-customers?" + RANGE + "&window=367", 400, "window"),
                Bad.get("/metrics/no-such-question?" + RANGE, 404, null),
                Bad.get("/report" + q("from", "2025-10-01"), 400, "to"),
                Bad.get("/report?" + RANGE + "&top=0", 400, "top"),
                Bad.get("/report?" + RANGE + "&top=1001", 400, "top"),
                Bad.get("/report?" + RANGE + "&grain=fortnight", 400, "grain"),
                Bad.get("/metrics/bestsellers?" + RANGE + "&subcategory=Fantasy", 400, "subcategory"),
                Bad.get("/predict/churn", 400, "customer_id"),
                Bad.get("/predict/churn" + q("customer_id", "' OR '1'='1"), 404, "customer_id"),
                Bad.get("/predict/churn" + q("customer_id", "CUST_1; DROP TABLE raw.orders; --"), 404, "customer_id"),
                Bad.get("/predict/churn" + q("customer_id", "Çüßtømér_漢字_🙂"), 404, "customer_id"),
                Bad.get("/predict/churn" + q("customer_id", "CUST\u00001"), 400, "customer_id"),
                Bad.get("/predict/churn" + q("customer_id", "C".repeat(101)), 400, "customer_id"),
                Bad.get("/predict/churn" + q("customer_id", "CUST_1", "top", "23"), 400, "top"),
                Bad.get("/predict/churn" + q("customer_id", "CUST_1", "top", "-5"), 400, "top"),
                Bad.get("/predict/churn" + q("customer_id", "CUST_1", "as_of", "31/12/2025"), 400, "as_of"),
                Bad.post("/predict/churn", "", 400, "body"),
                Bad.post("/predict/churn", "{\"features\": {\"recency_days\": 1", 400, "body"),
                Bad.post("/predict/churn", features + " trailing", 400, "body"),
                Bad.post("/predict/churn", "[1, 2, 3]", 400, "features"),
                Bad.post("/predict/churn", "{\"features\": [1, 2]}", 400, "features"),
                Bad.post("/predict/churn", features.replace("\"frequency\": 1", "\"frequency\": \"often\""), 400,
                        "features.frequency"),
                Bad.post("/predict/churn", features.replace("\"frequency\": 1", "\"frequency\": null"), 400,
                        "features.frequency"),
                Bad.post("/predict/churn", features.replace("\"frequency\": 1", "\"frequency\": 1e999"), 400,
                        "features.frequency"),
                Bad.post("/predict/churn", features.replace("\"frequency\": 1", "\"fréquence\": 1"), 400,
                        "features.fréquence"),
                Bad.post("/predict/churn", "{\"features\": {\"recency_days\": 3}}", 400, "features.frequency"),
                Bad.post("/predict/churn?top=1000000000", features, 400, "top"),
                new Bad("POST", "/predict/churn", new byte[10 * 1024 * 1024], 413, null),
                new Bad("DELETE", "/health", null, 405, null),
                new Bad("PUT", "/predict/churn", null, 405, null),
                Bad.post("/metrics/sales?" + RANGE, "{}", 405, null),
                Bad.get("/recommend" + q("customer_id", "CUST_1", "k", "-5"), 400, "k"),
                Bad.get("/recommend" + q("customer_id", "CUST_1", "k", "1000000000"), 400, "k"),
                Bad.get("/recommend" + q("customer_id", "CUST_1", "k", "0"), 400, "k"),
                Bad.get("/recommend" + q("customer_id", "CUST_1", "k", "1001"), 400, "k"),
                Bad.get("/recommend" + q("customer_id", "CUST_1", "k", "five"), 400, "k"),
                Bad.get("/recommend" + q("customer_id", "CUST_1", "in_stock", "maybe"), 400, "in_stock"),
                Bad.get("/recommend" + q("customer_id", "CUST_1", "per_category", "-1"), 400, "per_category"),
                Bad.get("/recommend" + q("k", "5"), 400, "customer_id"),
                Bad.get("/recommend" + q("customer_id", "' OR 1=1 --", "k", "5"), 404, "customer_id"),
                Bad.get("/recommend" + q("customer_id", "Çüßtømér_漢字_🙂"), 404, "customer_id"),
                Bad.get("/recommend" + q("customer_id", "C".repeat(101)), 400, "customer_id"),
                Bad.get("/also-bought" + q("product_id", "", "k", "5"), 400, "product_id"),
                Bad.get("/also-bought" + q("product_id", "BOOK_1", "k", "-5"), 400, "k"),
                Bad.get("/also-bought" + q("product_id", "NO_SUCH_BOOK'; --"), 404, "product_id"),
                Bad.get("/also-bought", 400, "product_id"),
                Bad.get("/clv", 400, "customer_id"),
                Bad.get("/clv" + q("customer_id", "Çüßtømér"), 404, "customer_id"),
                Bad.get("/clv" + q("customer_id", "CUST_1' OR '1'='1"), 404, "customer_id"),
                Bad.get("/clv" + q("customer_id", "CUST\u00001"), 400, "customer_id"),
                Bad.get("/forecast", 400, "product_id"),
                Bad.get("/forecast" + q("product_id", "BOOK_1", "category", "Fiction"), 400, "product_id"),
                Bad.get("/forecast" + q("product_id", "NO_SUCH_BOOK"), 404, "product_id"),
                Bad.get("/forecast" + q("category", "No such category 漢字"), 404, "category"),
                Bad.get("/forecast" + q("product_id", "BOOK_1", "weeks", "0"), 400, "weeks"),
                Bad.get("/forecast" + q("product_id", "BOOK_1", "weeks", "1000000000"), 400, "weeks"),
                Bad.get("/forecast" + q("product_id", "BOOK_1", "as_of", "2025-02-30"), 400, "as_of"),
                Bad.get("/segments" + q("as_of", "yesterday"), 400, "as_of"),
                Bad.get("/segments" + q("as_of", "2025-12-31", "customer_id", "NO_SUCH_CUSTOMER"), 404, "customer_id"),
                Bad.get("/no/such/route", 404, null));
    }

    @EachDatabase({DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL})
    void everyBadRequestGetsItsDocumentedStatus(DatabaseKind kind) {
        ServedWarehouse s = ServedWarehouse.on(kind);
        List<Executable> checks = new ArrayList<>();
        for (Bad bad : badRequests()) {
            checks.add(() -> {
                Http.Answer a = bad.body() != null ? Http.post(s.service().url(), bad.path(), bad.body())
                        : Http.method(s.service().url(), bad.method(), bad.path());
                String what = bad.method() + " " + bad.path().substring(0, Math.min(120, bad.path().length()));
                assertEquals(bad.status(), a.status(), what + ": " + a.body());
                assertTrue(a.contentType().startsWith("application/json"), what + ": " + a.contentType());
                JsonNode body = a.json();
                assertEquals(bad.status(), body.get("status").asInt(), what);
                assertFalse(body.get("message").asText().isBlank(), what + ": " + body);
                assertFalse(a.body().contains("\tat ") || a.body().contains("Exception"), what + ": " + a.body());
                if (bad.parameter() != null) {
                    assertEquals(bad.parameter(), body.path("parameter").asText(), what + ": " + body);
                }
                if (bad.status() == 400 && bad.parameter() != null && !bad.parameter().equals("body")) {
                    assertTrue(body.has("valid"), what + ": says what is valid: " + body);
                }
                if (bad.status() == 503) {
                    assertTrue(body.get("train").asText().contains("bookstore"), what + ": " + body);
                }
            });
        }
        assertAll(checks);
    }
}
