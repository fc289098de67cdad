package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.CsvRows;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Weekly demand in SQL on every database against the raw files; forecasts, evaluation and reorders. */
class DemandForecastTest {
    private static final LocalDate LAST_WEEK = LocalDate.of(2025, 6, 23);

    @Test
    void badOptionsAreTheCallersMistakeNamingTheParameter() {
        DemandForecast.Options ok = DemandForecast.Options.defaults();
        InvalidArgumentException h = assertThrows(InvalidArgumentException.class, () -> ok.withHorizonWeeks(0));
        assertEquals("horizonWeeks", h.parameter().orElseThrow());
        assertEquals("horizon must be 1..520 weeks, got 0", h.getMessage());
        InvalidArgumentException s = assertThrows(InvalidArgumentException.class,
                () -> new DemandForecast.Options(DemandForecast.Level.PRODUCT, 13, 14, 0.3));
        assertEquals("serviceLevel", s.parameter().orElseThrow());
        InvalidArgumentException l = assertThrows(InvalidArgumentException.class,
                () -> new DemandForecast.Options(DemandForecast.Level.PRODUCT, 13, -1, 0.95));
        assertEquals("leadTimeDays", l.parameter().orElseThrow());
        InvalidArgumentException w = assertThrows(InvalidArgumentException.class,
                () -> DemandForecast.forecastSeries(Map.of("empty", new double[0]), LAST_WEEK, ok));
        assertEquals("weekly", w.parameter().orElseThrow());
    }

    @EachDatabase
    void weeklyUnitsMatchAPlainJavaComputation(Warehouse wh) throws IOException {
        Path dir = ClvSummaryTest.small();
        MlTestData.load(wh, dir);
        DemandForecast f = DemandForecast.of(wh);
        Map<String, double[]> products = f.weekly(LAST_WEEK, DemandForecast.Level.PRODUCT);
        Map<String, double[]> categories = f.weekly(LAST_WEEK, DemandForecast.Level.CATEGORY);
        Map<String, String> category = new HashMap<>();
        for (String[] p : CsvRows.read(dir.resolve("raw_products.csv"))) {
            category.put(p[0], p[3].strip());
        }
        Map<String, TreeMap<LocalDate, Double>> byProduct = new TreeMap<>();
        Map<String, TreeMap<LocalDate, Double>> byCategory = new TreeMap<>();
        for (String[] o : CsvRows.read(dir.resolve("raw_orders.csv"))) {
            int qty = Integer.parseInt(o[4]);
            LocalDate day = LocalDate.parse(o[2]);
            if (qty <= 0 || Double.parseDouble(o[5]) <= 0 || o[7].equals("cancelled")
                    || day.isAfter(LAST_WEEK.plusDays(6))) {
                continue;
            }
            LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            byProduct.computeIfAbsent(o[3], k -> new TreeMap<>()).merge(monday, (double) qty, Double::sum);
            byCategory.computeIfAbsent(category.getOrDefault(o[3], "unknown"), k -> new TreeMap<>())
                    .merge(monday, (double) qty, Double::sum);
        }
        same(byProduct, products);
        same(byCategory, categories);
        assertTrue(products.size() > 30 && categories.size() > 3, products.size() + " products");
    }

    private static void same(Map<String, TreeMap<LocalDate, Double>> oracle, Map<String, double[]> sql) {
        assertEquals(oracle.keySet(), sql.keySet());
        oracle.forEach((key, weeks) -> {
            double[] expected = new double[(int) ChronoUnit.WEEKS.between(weeks.firstKey(), LAST_WEEK) + 1];
            weeks.forEach((w, u) -> expected[(int) ChronoUnit.WEEKS.between(weeks.firstKey(), w)] = u);
            assertArrayEquals(expected, sql.get(key), 1e-9, key);
        });
    }

    @Test
    void forecastsBeatTheBaselineOnTheGeneratedData() {
        DemandForecast.Result r = DemandForecast.of(MlTestData.duckDb()).run(LocalDate.of(2025, 12, 31),
                DemandForecast.Options.defaults());
        System.out.println(r.evaluation() + "\n" + r.methods() + "\nreorders " + r.reorders().size());
        assertEquals(LocalDate.of(2025, 12, 22), r.lastWeekStart(), "the last whole week ends Sunday 28 December");
        assertEquals(LocalDate.of(2025, 12, 29), r.forecasts().get(0).weekStart());
        long series = r.forecasts().stream().map(DemandForecast.Week::series).distinct().count();
        assertEquals(series * 13, r.forecasts().size());
        for (DemandForecast.Week w : r.forecasts()) {
            assertTrue(w.lower() >= 0 && w.lower() <= w.units() && w.units() <= w.upper(), w.toString());
            assertEquals(DayOfWeek.MONDAY, w.weekStart().getDayOfWeek());
        }
        DemandForecast.Score all = r.evaluation().get(0);
        assertEquals("all", all.group());
        assertTrue(all.mase() < all.baselineMase() && all.rmsse() < all.baselineRmsse(), all.toString());
    }

    @Test
    void reorderPointFromLeadTimeAndServiceLevel() {
        // a steady 10 units a week: SES forecasts 10 with a small σ; 14 days lead time → 20 units + safety stock
        double[] y = new double[60];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 + (i % 2 == 0 ? 1 : -1);
        }
        DemandForecast.Options o = DemandForecast.Options.defaults().withLeadTimeDays(14).withServiceLevel(0.95);
        DemandForecast.Result low = DemandForecast.forecast(LocalDate.of(2025, 12, 31), LocalDate.of(2025, 12, 22), o,
                Map.of("P1", y), Map.of("P1", "fiction"), Map.of("P1", 15));
        DemandForecast.Result plenty = DemandForecast.forecast(LocalDate.of(2025, 12, 31), LocalDate.of(2025, 12, 22),
                o, Map.of("P1", y), Map.of("P1", "fiction"), Map.of("P1", 500));
        assertTrue(plenty.reorders().isEmpty());
        DemandForecast.Reorder r = low.reorders().get(0);
        double sigma = SeriesForecast.of(y, 13).sigma()[0];
        assertEquals(1.6448536269514722 * sigma * Math.sqrt(2), r.safetyStock(), 1e-9);
        assertEquals(20, r.reorderPoint() - r.safetyStock(), 1.0);
        assertEquals(130, r.horizonDemand(), 6.5);
        assertEquals((int) Math.ceil(r.horizonDemand() + r.safetyStock() - 15), r.suggestedOrder());
        assertEquals(List.of("fiction"), low.evaluation().subList(1, 2).stream().map(DemandForecast.Score::group)
                .toList());
    }
}
