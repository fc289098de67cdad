package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.testing.CsvRows;
import dev.bookstore.model.testing.GeneratedData;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forecaster recovers the generator's planted yearly seasonality and growth: three years of generated orders
 * (2023–2025, 15 % yearly growth, a December peak) summed into weekly units, the next 52 weeks forecast with the
 * methods chosen by AIC, against the planted expectation computed independently here from the manifest's
 * multipliers (expected orders per day = base × (1 + growth)^(month / 12) × month multiplier × weekday multiplier
 * / Σ weekday multipliers of the month) times the units per order of the last observed year. The planted weekday
 * pattern sums out of Monday-to-Sunday weeks (it is in the expectation all the same).
 */
class SeasonalityRecoveryTest {
    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final LocalDate FIRST_WEEK = LocalDate.of(2023, 1, 2);
    private static final LocalDate LAST_WEEK = LocalDate.of(2025, 12, 22);
    private static double[] weekly;
    private static Manifest.Seasonality planted;

    @BeforeAll
    static void generate() throws Exception {
        GeneratedData data = GeneratedData.of(GeneratorOptions.defaults().withCustomers(4_000).withProducts(60)
                .withMonths(36).withEvents(1_000).withOrdersPerMonth(1_500).withSeed(23).withStart(START));
        planted = data.manifest().truth().seasonality();
        weekly = new double[(int) ChronoUnit.WEEKS.between(FIRST_WEEK, LAST_WEEK) + 1];
        for (String[] o : CsvRows.read(data.dir().resolve("raw_orders.csv"))) {
            int qty = Integer.parseInt(o[4]);
            LocalDate day = LocalDate.parse(o[2]);
            if (qty <= 0 || Double.parseDouble(o[5]) <= 0 || o[7].equals("cancelled") || day.isBefore(FIRST_WEEK)
                    || day.isAfter(LAST_WEEK.plusDays(6))) {
                continue;
            }
            weekly[(int) ChronoUnit.WEEKS.between(FIRST_WEEK, day.with(TemporalAdjusters.previousOrSame(
                    DayOfWeek.MONDAY)))] += qty;
        }
    }

    /** The planted expected orders of the week starting {@code monday}. */
    private static double expectedOrders(LocalDate monday) {
        double sum = 0;
        for (int d = 0; d < 7; d++) {
            LocalDate day = monday.plusDays(d);
            LocalDate monthStart = day.withDayOfMonth(1);
            int m = (int) ChronoUnit.MONTHS.between(START, monthStart);
            double weekdays = 0;
            for (LocalDate x = monthStart; x.isBefore(monthStart.plusMonths(1)); x = x.plusDays(1)) {
                weekdays += planted.weekdayMultipliers().get(x.getDayOfWeek().name());
            }
            sum += planted.baseOrdersPerMonth() * Math.pow(1 + planted.yearlyGrowth(), m / 12.0)
                    * planted.monthMultipliers().get(day.getMonth().name())
                    * planted.weekdayMultipliers().get(day.getDayOfWeek().name()) / weekdays;
        }
        return sum;
    }

    @Test
    void yearlySeasonalityAndGrowthAreRecovered() {
        DemandForecast.Result r = DemandForecast.forecastSeries(Map.of("all", weekly), LAST_WEEK,
                DemandForecast.Options.defaults().withHorizonWeeks(52).withSelection(DemandForecast.Selection.AIC));
        assertEquals(52, r.forecasts().size());
        String method = r.forecasts().get(0).method();
        assertTrue(method.startsWith("hw_"), "AIC should choose a seasonal model, chose " + method);

        // units per planted order over the last observed year
        double units = 0;
        double orders = 0;
        for (int w = weekly.length - 52; w < weekly.length; w++) {
            units += weekly[w];
            orders += expectedOrders(FIRST_WEEK.plusWeeks(w));
        }
        double perOrder = units / orders;
        double forecastTotal = 0;
        double plantedTotal = 0;
        Map<Month, double[]> byMonth = new TreeMap<>();
        for (DemandForecast.Week w : r.forecasts()) {
            double expected = perOrder * expectedOrders(w.weekStart());
            forecastTotal += w.units();
            plantedTotal += expected;
            double[] m = byMonth.computeIfAbsent(w.weekStart().plusDays(3).getMonth(), k -> new double[2]);
            m[0] += w.units();
            m[1] += expected;
        }
        System.out.printf("method %s, forecast/planted over the year %.3f%n", method, forecastTotal / plantedTotal);
        byMonth.forEach((m, v) -> System.out.printf("%-9s forecast %8.1f planted %8.1f ratio %.3f%n", m, v[0], v[1],
                v[0] / v[1]));
        // level and growth: the next year is planted 15 % above the last; a forecast without growth would be
        // about 0.87 of the planted year (the damped trend and the units per order drifting leave a few per cent)
        double year = forecastTotal / plantedTotal;
        assertEquals(1, year, 0.08, "level and growth of the next 52 weeks");
        // seasonality: each calendar month within 10 % of the planted profile (February 0.80 … December 1.60);
        // a flat forecast would be about 0.66 of the planted December and 1.3 of February
        byMonth.forEach((m, v) -> assertEquals(1, v[0] / v[1] / year, 0.10, m + " forecast vs planted"));
        double[] dec = byMonth.get(Month.DECEMBER);
        double[] feb = byMonth.get(Month.FEBRUARY);
        assertEquals(1, (dec[0] / feb[0]) / (dec[1] / feb[1]), 0.15, "the December peak over February (planted "
                + "1.60 / 0.80 with a year's growth between)");
    }
}
