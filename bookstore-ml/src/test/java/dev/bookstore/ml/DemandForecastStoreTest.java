package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demand_forecast mart written on every database holds exactly the forecasts and reorder points computed, and
 * a new run replaces the rows of its as-of day and level only.
 */
class DemandForecastStoreTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    private static final LocalDate LAST_WEEK = LocalDate.of(2025, 12, 22);

    private static double[] series(double base, int weeks) {
        double[] y = new double[weeks];
        for (int i = 0; i < weeks; i++) {
            y[i] = base + (i % 3) - 1 + 0.05 * i;
        }
        return y;
    }

    @EachDatabase
    void storedForecastsReadBackAndReplace(Warehouse wh) {
        wh.init();
        DemandForecast.Options options = DemandForecast.Options.defaults().withHorizonWeeks(6).withLeadTimeDays(10);
        Map<String, double[]> weekly = new TreeMap<>(Map.of("P1", series(10, 70), "P2", series(3, 40)));
        DemandForecast.Result products = DemandForecast.forecast(AS_OF, LAST_WEEK, options, weekly,
                Map.of("P1", "Fiction", "P2", "Fiction"), Map.of("P1", 5, "P2", 400));
        DemandForecast.Result categories = DemandForecast.forecast(AS_OF, LAST_WEEK,
                options.withLevel(DemandForecast.Level.CATEGORY), Map.of("Fiction", series(13, 70)), Map.of(),
                Map.of());
        DemandForecast f = DemandForecast.of(wh);
        assertEquals(12, f.store(products));
        assertEquals(12, f.store(products), "a second store replaces the day's product rows");
        assertEquals(6, f.store(categories));
        String sql = wh.render("SELECT series_level, series, week_start, units, units_lower, units_upper, method, "
                + "stock, safety_stock, reorder_point, lead_time_days, service_level FROM ${marts:demand_forecast} "
                + "WHERE as_of = :as_of ORDER BY series_level DESC, series, week_start");
        List<Map<String, Object>> rows = wh.withHandle(h -> h.createQuery(sql).bind("as_of", Clv.date(AS_OF))
                .mapToMap().list());
        assertEquals(18, rows.size());
        DemandForecast.Reorder p1 = products.reorderPoints().get(0);
        assertEquals("P1", p1.productId());
        assertTrue(products.reorders().stream().anyMatch(r -> r.productId().equals("P1")), "5 units are too few");
        assertTrue(products.reorders().stream().noneMatch(r -> r.productId().equals("P2")), "400 units are plenty");
        for (int i = 0; i < 12; i++) {
            Map<String, Object> row = rows.get(i);
            DemandForecast.Week w = products.forecasts().get(i);
            DemandForecast.Reorder point = products.reorderPoints().get(i / 6);
            assertEquals("product", row.get("series_level"));
            assertEquals(w.series(), row.get("series"));
            assertEquals(w.weekStart(), LocalDate.parse(row.get("week_start").toString()));
            assertEquals(w.units(), number(row, "units"), 1e-9);
            assertEquals(w.lower(), number(row, "units_lower"), 1e-9);
            assertEquals(w.upper(), number(row, "units_upper"), 1e-9);
            assertEquals(w.method(), row.get("method"));
            assertEquals(point.stock(), (int) number(row, "stock"));
            assertEquals(point.safetyStock(), number(row, "safety_stock"), 1e-9);
            assertEquals(point.reorderPoint(), number(row, "reorder_point"), 1e-9);
            assertEquals(10, (int) number(row, "lead_time_days"));
            assertEquals(0.95, number(row, "service_level"), 1e-12);
        }
        for (int i = 12; i < 18; i++) {
            Map<String, Object> row = rows.get(i);
            assertEquals("category", row.get("series_level"));
            assertEquals(categories.forecasts().get(i - 12).units(), number(row, "units"), 1e-9);
            assertNull(row.get("stock"));
            assertNull(row.get("reorder_point"));
        }
    }

    private static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }
}
