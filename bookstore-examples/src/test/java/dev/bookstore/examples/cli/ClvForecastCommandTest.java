package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.model.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bookstore clv} (on the warehouse and on a transactions file) and {@code bookstore forecast} on a small
 * embedded warehouse: the JSON's fixed keys and values, the model chosen by AIC, the marts written by
 * {@code --store}, and one-line errors for bad input.
 */
class ClvForecastCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static String db;

    @BeforeAll
    static void warehouse() {
        BookstoreCliTest.Run qs = BookstoreCliTest.run("quickstart", "--work", dir.toString(), "--customers", "800",
                "--products", "80", "--months", "8", "--events", "3000", "--seed", "5");
        assertEquals(0, qs.exit(), qs::toString);
        db = "jdbc:duckdb:" + dir.resolve(QuickstartCommand.DATABASE_FILE);
    }

    private static List<Map<String, Object>> query(String sql) {
        try (Warehouse wh = Warehouse.connect(db)) {
            return wh.withHandle(h -> h.createQuery(wh.render(sql)).mapToMap().list());
        }
    }

    @Test
    void clvOnTheWarehouseChoosesByAicAndStoresEveryCustomer() throws IOException {
        BookstoreCliTest.Run r = BookstoreCliTest.run("clv", "--db", db, "--as-of", "2025-08-31", "--holdout-weeks",
                "6", "--horizon-weeks", "26", "--top", "5", "--json", "--store");
        assertEquals(0, r.exit(), r::toString);
        JsonNode j = JSON.readTree(r.out());
        Map<String, List<String>> keys = Map.of("bgnbd", List.of("r", "alpha", "a", "b", "ll", "aic"),
                "paretonbd", List.of("r", "alpha", "s", "beta", "ll", "aic"),
                "mbgnbd", List.of("r", "alpha", "a", "b", "ll", "aic"), "gammagamma", List.of("p", "q", "v"));
        keys.forEach((model, names) -> names.forEach(k -> assertTrue(j.path(model).path(k).isNumber(),
                model + "." + k + " in " + r.out())));
        String lowest = null;
        for (String m : List.of("bgnbd", "paretonbd", "mbgnbd")) {
            double aic = j.get(m).get("aic").asDouble();
            assertEquals(2 * 4 - 2 * j.get(m).get("ll").asDouble(), aic, 1e-6, "AIC = 2k - 2 log L for " + m);
            if (lowest == null || aic < j.get(lowest).get("aic").asDouble()) {
                lowest = m;
            }
        }
        assertEquals(lowest, j.get("preferred").asText());
        assertEquals("aic", j.get("preferred_by").asText());
        assertEquals(6.0, j.get("holdout").get("weeks").asDouble());
        JsonNode buckets = j.get("holdout").get("buckets");
        JsonNode all = buckets.get(buckets.size() - 1);
        assertEquals("all", all.get("frequency").asText());
        int bucketCustomers = 0;
        for (int i = 0; i < buckets.size() - 1; i++) {
            bucketCustomers += buckets.get(i).get("customers").asInt();
        }
        assertEquals(all.get("customers").asInt(), bucketCustomers, "the buckets add up to all");
        JsonNode top = j.get("top_customers");
        assertEquals(5, top.size());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i - 1).get("clv").asDouble() >= top.get(i).get("clv").asDouble(), "CLV descending");
        }
        List<Map<String, Object>> stored = query("SELECT COUNT(*) AS n, MIN(model) AS model, MIN(horizon_weeks) AS h, "
                + "MAX(clv) AS best FROM ${marts:customer_clv} WHERE as_of = DATE '2025-08-31'");
        assertEquals(j.get("customers").asInt(), ((Number) stored.get(0).get("n")).intValue(), "every customer");
        assertEquals(lowest, stored.get(0).get("model"));
        assertEquals(26, ((Number) stored.get(0).get("h")).intValue());
        assertEquals(top.get(0).get("clv").asDouble(), ((Number) stored.get(0).get("best")).doubleValue(), 1e-6);

        BookstoreCliTest.Run text = BookstoreCliTest.run("clv", "--db", db, "--as-of", "2025-08-31",
                "--holdout-weeks", "0");
        assertEquals(0, text.exit(), text::toString);
        assertTrue(text.out().contains("purchase model chosen by AIC: " + lowest), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("model +parameters.* +log-likelihood +AIC")), text.out());
    }

    @Test
    void clvOnATransactionsFileAndItsOneLineErrors() throws IOException {
        Path orders = dir.resolve(QuickstartCommand.DATA_DIR).resolve("raw_orders.csv");
        BookstoreCliTest.Run r = BookstoreCliTest.run("clv", "--transactions", orders.toString(), "--customer-col",
                "customer_id", "--date-col", "order_date", "--amount-col", "unit_price", "--calibration-end",
                "2025-06-30", "--holdout-weeks", "4", "--json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode j = JSON.readTree(r.out());
        assertEquals("2025-06-30", j.get("calibration_end").asText());
        assertTrue(j.get("bgnbd").get("alpha").asDouble() > 0 && j.get("gammagamma").get("p").asDouble() > 0);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "cust,day,value\nc1,2025-01-02,10.5\nc1,2025-01-09,3\nc2,2025-01-05,oops\n");
        BookstoreCliTest.Run amount = BookstoreCliTest.run("clv", "--transactions", bad.toString(), "--customer-col",
                "cust", "--date-col", "day", "--amount-col", "value", "--calibration-end", "2025-03-01");
        assertEquals(1, amount.exit(), amount::toString);
        assertEquals(1, amount.err().strip().lines().count(), amount.err());
        assertTrue(amount.err().contains(bad.getFileName().toString()) && amount.err().contains("4")
                && amount.err().contains("value"), amount.err());
        BookstoreCliTest.Run column = BookstoreCliTest.run("clv", "--transactions", bad.toString(), "--customer-col",
                "customer", "--date-col", "day", "--amount-col", "value", "--calibration-end", "2025-03-01");
        assertEquals(1, column.exit(), column::toString);
        assertEquals(1, column.err().strip().lines().count(), column.err());
        assertTrue(column.err().contains("customer"), column.err());

        BookstoreCliTest.Run store = BookstoreCliTest.run("clv", "--transactions", bad.toString(), "--customer-col",
                "cust", "--date-col", "day", "--amount-col", "value", "--calibration-end", "2025-03-01", "--store");
        assertEquals(2, store.exit(), store::toString);
        assertTrue(store.err().contains("--store writes to the warehouse"), store.err());
    }

    @Test
    void forecastJsonStoresTheMartAndReordersAreBelowTheirPoints() throws IOException {
        BookstoreCliTest.Run r = BookstoreCliTest.run("forecast", "--db", db, "--as-of", "2025-08-31",
                "--horizon-weeks", "4", "--lead-time-days", "10", "--json", "--store");
        assertEquals(0, r.exit(), r::toString);
        JsonNode j = JSON.readTree(r.out());
        assertEquals("holdout", j.get("selection").asText());
        JsonNode forecasts = j.get("forecasts");
        Set<String> products = new HashSet<>();
        Set<LocalDate> weeks = new HashSet<>();
        for (JsonNode w : forecasts) {
            products.add(w.get("product_id").asText());
            LocalDate monday = LocalDate.parse(w.get("week_start").asText());
            weeks.add(monday);
            assertEquals(DayOfWeek.MONDAY, monday.getDayOfWeek());
            assertTrue(w.get("lower").asDouble() <= w.get("units").asDouble()
                    && w.get("units").asDouble() <= w.get("upper").asDouble(), w.toString());
        }
        // 2025-08-31 is a Sunday: its week is the last whole one, the forecast starts on Monday 1 September
        assertEquals(Set.of(LocalDate.of(2025, 9, 1), LocalDate.of(2025, 9, 8), LocalDate.of(2025, 9, 15),
                LocalDate.of(2025, 9, 22)), weeks);
        assertEquals(products.size() * 4, forecasts.size());
        assertEquals("all", j.get("evaluation").get("groups").get(0).get("group").asText());
        for (JsonNode o : j.get("reorders")) {
            assertTrue(o.get("stock").asDouble() <= o.get("reorder_point").asDouble(), o.toString());
        }
        List<Map<String, Object>> rows = query("SELECT series, week_start, units, stock, reorder_point, "
                + "lead_time_days FROM ${marts:demand_forecast} WHERE as_of = DATE '2025-08-31' AND series_level = "
                + "'product' ORDER BY series, week_start");
        assertEquals(forecasts.size(), rows.size());
        JsonNode first = forecasts.get(0);
        Map<String, Object> row = rows.get(0);
        assertEquals(first.get("product_id").asText(), row.get("series"));
        assertEquals(first.get("units").asDouble(), ((Number) row.get("units")).doubleValue(), 1e-9);
        assertEquals(10, ((Number) row.get("lead_time_days")).intValue());
        List<String> low = new ArrayList<>();
        j.get("reorders").forEach(o -> low.add(o.get("product_id").asText()));
        long stored = rows.stream().filter(x -> ((Number) x.get("stock")).doubleValue()
                <= ((Number) x.get("reorder_point")).doubleValue()).map(x -> x.get("series")).distinct().count();
        assertEquals(low.size(), stored, "the mart's reorder points give the same reorder list");

        BookstoreCliTest.Run category = BookstoreCliTest.run("forecast", "--db", db, "--as-of", "2025-08-31",
                "--level", "category", "--select", "aic");
        assertEquals(0, category.exit(), category::toString);
        assertTrue(category.out().startsWith("as of 2025-08-31\nDemand forecast per category from the week of "
                + "2025-09-01, 13 weeks; methods (chosen by aic)"), category.out());
        BookstoreCliTest.Run level = BookstoreCliTest.run("forecast", "--db", db, "--as-of", "2025-08-31",
                "--level", "shelf");
        assertEquals(2, level.exit(), level::toString);
        assertTrue(level.err().contains("'--level': 'shelf' (expected product or category)"), level.err());
        BookstoreCliTest.Run select = BookstoreCliTest.run("forecast", "--db", db, "--as-of", "2025-08-31",
                "--select", "bic");
        assertEquals(2, select.exit(), select::toString);
        assertTrue(select.err().contains("(expected holdout or aic)"), select.err());
    }
}
