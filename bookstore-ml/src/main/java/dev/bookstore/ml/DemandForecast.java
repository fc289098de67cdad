package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import dev.bookstore.model.sql.SqlResources;

/**
 * Front door for demand forecasts: weekly units per product or per category from the marts (summed in the
 * database), a method chosen per series on a holdout (or by AIC, {@link Selection}) among naive, seasonal naive,
 * exponential smoothing (simple, damped Holt, Holt-Winters additive and multiplicative when two years are there)
 * and Croston, SBA and TSB for intermittent series; 95 % prediction intervals; a rolling-origin evaluation of the last quarter (MASE and RMSSE
 * against the seasonal-naive baseline) and reorder suggestions (safety stock and reorder point from a lead time and
 * a service level, against the stock in {@code dim_products}), written back to the mart {@code demand_forecast} by
 * {@link #store}. Thread-safe; holds no connection.
 *
 * <p>Weeks run Monday to Sunday (the marts' {@code dim_date.week_start}); only whole weeks up to the as-of day are
 * used (the last one ends on the Sunday on or before it) and the forecast starts the Monday after.
 *
 * <pre>{@code
 * DemandForecast f = DemandForecast.of(wh);
 * DemandForecast.Result r = f.run(LocalDate.parse("2025-12-31"), DemandForecast.Options.defaults());
 * f.store(r);
 * r.forecasts().forEach(w -> System.out.println(w.series() + " " + w.weekStart() + " " + w.units()));
 * r.reorders().forEach(o -> System.out.println(o.productId() + " order " + o.suggestedOrder()));
 * }</pre>
 */
public final class DemandForecast {
    /** The evaluation window: the last quarter. */
    static final int HOLDOUT_WEEKS = 13;
    /** Yearly seasonality of weekly data. */
    static final int PERIOD = 52;
    private static final double Z95 = 1.959963984540054;
    private static final String PRODUCT_SQL =
            SqlResources.load(DemandForecast.class, "demand_weekly_product");
    private static final String CATEGORY_SQL =
            SqlResources.load(DemandForecast.class, "demand_weekly_category");
    private static final String STOCK_SQL =
            SqlResources.load(DemandForecast.class, "product_stock");
    /** The columns of the mart demand_forecast (demand_forecast_create.sql). */
    private static final List<String> MART_COLUMNS = List.of("as_of", "series_level", "series", "week_start",
            "units", "units_lower", "units_upper", "method", "stock", "safety_stock", "reorder_point",
            "lead_time_days", "service_level");

    /** What a series is. */
    public enum Level { PRODUCT, CATEGORY }

    /**
     * How the method of a series is chosen, on the weeks before the last quarter (which the evaluation scores).
     */
    public enum Selection {
        /** The least absolute error over the quarter before the last, every method fitted on the weeks before it. */
        HOLDOUT,
        /**
         * The lowest AIC (Gaussian one-step errors, smoothing parameters and initial states counted; Hyndman et al.
         * 2008) among the exponential smoothing models (SES, damped Holt, Holt-Winters additive and multiplicative
         * where they apply). Intermittent series (30 % or more weeks without demand), where the Croston family has
         * no likelihood, are still chosen on the holdout.
         */
        AIC
    }

    /**
     * Forecast options. Immutable.
     *
     * @param level products or categories
     * @param horizonWeeks weeks to forecast (≥ 1; default 13)
     * @param leadTimeDays replenishment lead time for the reorder points (≥ 0; default 14)
     * @param serviceLevel probability of not running out during the lead time (0.5–0.9999; default 0.95)
     * @param selection how each series' method is chosen (default {@link Selection#HOLDOUT})
     */
    public record Options(Level level, int horizonWeeks, int leadTimeDays, double serviceLevel, Selection selection) {
        public Options {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(selection, "selection");
            if (horizonWeeks < 1 || horizonWeeks > 520) {
                throw new InvalidArgumentException("horizonWeeks", "horizon must be 1..520 weeks, got " + horizonWeeks);
            }
            if (leadTimeDays < 0 || leadTimeDays > 3650) {
                throw new InvalidArgumentException("leadTimeDays", "lead time must be 0..3650 days, got " + leadTimeDays);
            }
            if (!(serviceLevel >= 0.5 && serviceLevel <= 0.9999)) {
                throw new InvalidArgumentException("serviceLevel",
                        "service level must be in [0.5, 0.9999], got " + serviceLevel);
            }
        }

        /** Options choosing the methods on the holdout. */
        public Options(Level level, int horizonWeeks, int leadTimeDays, double serviceLevel) {
            this(level, horizonWeeks, leadTimeDays, serviceLevel, Selection.HOLDOUT);
        }

        /** @return products, 13 weeks, 14 days' lead time, 95 % service level, methods chosen on the holdout */
        public static Options defaults() {
            return new Options(Level.PRODUCT, 13, 14, 0.95, Selection.HOLDOUT);
        }

        public Options withLevel(Level l) {
            return new Options(l, horizonWeeks, leadTimeDays, serviceLevel, selection);
        }

        public Options withHorizonWeeks(int weeks) {
            return new Options(level, weeks, leadTimeDays, serviceLevel, selection);
        }

        public Options withLeadTimeDays(int days) {
            return new Options(level, horizonWeeks, days, serviceLevel, selection);
        }

        public Options withServiceLevel(double p) {
            return new Options(level, horizonWeeks, leadTimeDays, p, selection);
        }

        public Options withSelection(Selection s) {
            return new Options(level, horizonWeeks, leadTimeDays, serviceLevel, s);
        }
    }

    /**
     * One week's forecast of one series.
     *
     * @param series the product id or the category
     * @param weekStart the Monday of the week
     * @param units expected units
     * @param lower lower end of the 95 % prediction interval (≥ 0)
     * @param upper upper end
     * @param method the method chosen for the series
     */
    public record Week(String series, LocalDate weekStart, double units, double lower, double upper, String method) {
    }

    /**
     * Rolling-origin accuracy over the last quarter, mean over the series of a group.
     *
     * @param group a category, or "all"
     * @param series series scored (those whose baseline scale is not 0)
     * @param mase mean absolute scaled error of the chosen methods
     * @param rmsse root mean squared scaled error of the chosen methods
     * @param baselineMase the same for the baseline
     * @param baselineRmsse the same for the baseline
     */
    public record Score(String group, int series, double mase, double rmsse, double baselineMase,
                        double baselineRmsse) {
    }

    /**
     * A product's reorder point against its stock, and the order that would cover the horizon.
     *
     * @param productId the product
     * @param stock units in stock
     * @param horizonDemand expected units over the horizon
     * @param horizonLower lower end of its 95 % interval
     * @param horizonUpper upper end
     * @param safetyStock z(service level) × σ of the lead-time demand
     * @param reorderPoint expected lead-time demand + safety stock
     * @param suggestedOrder units to order to cover the horizon plus the safety stock
     */
    public record Reorder(String productId, int stock, double horizonDemand, double horizonLower,
                          double horizonUpper, double safetyStock, double reorderPoint, int suggestedOrder) {
    }

    /**
     * The forecasts, their evaluation and the reorder list.
     *
     * @param asOf the as-of day
     * @param lastWeekStart the Monday of the last whole week used
     * @param options the options
     * @param baseline the baseline's name (seasonal_naive with a year of history before the holdout, else naive)
     * @param forecasts per series and week after the last whole week
     * @param evaluation overall ("all") first, then per category
     * @param methods how many series chose each method
     * @param reorderPoints every product whose stock is known, by product id (product level only)
     * @param reorders those at or below their reorder point, lowest cover (stock − reorder point) first
     */
    public record Result(LocalDate asOf, LocalDate lastWeekStart, Options options, String baseline,
                         List<Week> forecasts, List<Score> evaluation, Map<String, Integer> methods,
                         List<Reorder> reorderPoints, List<Reorder> reorders) {
        public Result {
            forecasts = List.copyOf(forecasts);
            evaluation = List.copyOf(evaluation);
            methods = Map.copyOf(methods);
            reorderPoints = List.copyOf(reorderPoints);
            reorders = List.copyOf(reorders);
        }
    }

    private final Warehouse wh;

    private DemandForecast(Warehouse wh) {
        this.wh = Objects.requireNonNull(wh, "wh");
    }

    /**
     * @param wh a warehouse whose marts are built
     * @return the forecast front door over it
     */
    public static DemandForecast of(Warehouse wh) {
        return new DemandForecast(wh);
    }

    /**
     * Forecasts every series from the data up to {@code asOf}.
     *
     * @param asOf the last day whose data may be used
     * @param options level, horizon, lead time, service level
     * @return forecasts, evaluation and reorder suggestions
     */
    public Result run(LocalDate asOf, Options options) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(options, "options");
        LocalDate lastDay = asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate lastWeek = lastDay.minusDays(6);
        Map<String, double[]> series = weekly(lastWeek, options.level());
        Map<String, String> category = new HashMap<>();
        Map<String, Integer> stock = new HashMap<>();
        if (options.level() == Level.PRODUCT) {
            wh.withHandle(h -> h.createQuery(wh.render(STOCK_SQL)).map((rs, ctx) -> {
                category.put(rs.getString("product_id"), rs.getString("category"));
                stock.put(rs.getString("product_id"), rs.getInt("stock"));
                return 0;
            }).list());
        }
        return forecast(asOf, lastWeek, options, series, options.level() == Level.PRODUCT ? category : Map.of(),
                stock);
    }

    /**
     * Forecasts weekly series of your own (no warehouse): each array holds consecutive weeks, the last one
     * starting {@code lastWeekStart}. No reorder list (no stock is known).
     *
     * @param weekly units per week by series name
     * @param lastWeekStart the Monday of every series' last week
     * @param options horizon (the level and reorder options are not used)
     * @return forecasts and their evaluation
     */
    public static Result forecastSeries(Map<String, double[]> weekly, LocalDate lastWeekStart, Options options) {
        Objects.requireNonNull(weekly, "weekly");
        Map<String, double[]> copy = new TreeMap<>();
        weekly.forEach((k, v) -> {
            if (v.length == 0) {
                throw new InvalidArgumentException("weekly", "series '" + k + "' has no weeks");
            }
            copy.put(k, v.clone());
        });
        return forecast(lastWeekStart.plusDays(6), lastWeekStart, options, copy, Map.of(), Map.of());
    }

    /**
     * Writes the forecasts to the mart {@code demand_forecast} (created when missing), replacing the rows of the
     * same as-of day and level, in one transaction; product rows carry the stock and the reorder point.
     *
     * <pre>{@code
     * DemandForecast f = DemandForecast.of(wh);
     * int rows = f.store(f.run(LocalDate.parse("2025-12-31"), DemandForecast.Options.defaults()));
     * }</pre>
     *
     * @param result a result of {@link #run} (or {@link #forecastSeries})
     * @return rows written (series × horizon weeks)
     */
    public int store(Result result) {
        Objects.requireNonNull(result, "result");
        String level = result.options().level().name().toLowerCase(java.util.Locale.ROOT);
        Map<String, Reorder> points = new HashMap<>();
        result.reorderPoints().forEach(r -> points.put(r.productId(), r));
        return MartWriter.replace(wh, "demand_forecast", Map.of("as_of", result.asOf(), "series_level", level),
                MART_COLUMNS, result.forecasts(), w -> {
                    Reorder r = points.get(w.series());
                    return new Object[] {result.asOf(), level, w.series(), w.weekStart(), w.units(), w.lower(),
                        w.upper(), w.method(), r == null ? null : r.stock(), r == null ? null : r.safetyStock(),
                        r == null ? null : r.reorderPoint(), result.options().leadTimeDays(),
                        result.options().serviceLevel()};
                });
    }

    /**
     * Weekly units per series from its first week with a sale to the week starting {@code lastWeek}, zero-filled.
     */
    Map<String, double[]> weekly(LocalDate lastWeek, Level level) {
        String sql = wh.render(level == Level.PRODUCT ? PRODUCT_SQL : CATEGORY_SQL);
        Map<String, TreeMap<LocalDate, Double>> weekly = new TreeMap<>();
        wh.withHandle(h -> h.createQuery(sql).bind("last_day", Clv.date(lastWeek.plusDays(6))).map((rs, ctx) -> {
            weekly.computeIfAbsent(rs.getString("series"), k -> new TreeMap<>())
                    .put(rs.getObject("week_start", LocalDate.class), rs.getDouble("units"));
            return 0;
        }).list());
        Map<String, double[]> series = new TreeMap<>();
        weekly.forEach((key, weeks) -> {
            LocalDate first = weeks.firstKey();
            double[] y = new double[(int) (ChronoUnit.WEEKS.between(first, lastWeek) + 1)];
            weeks.forEach((w, u) -> y[(int) ChronoUnit.WEEKS.between(first, w)] = u);
            series.put(key, y);
        });
        return series;
    }

    /** The forecasting and evaluation of ready series (package-private for the benchmarks and tests). */
    static Result forecast(LocalDate asOf, LocalDate lastWeek, Options options, Map<String, double[]> series,
                           Map<String, String> category, Map<String, Integer> stock) {
        List<Week> weeks = new ArrayList<>();
        Map<String, Integer> methods = new TreeMap<>();
        Map<String, List<double[]>> scores = new TreeMap<>();
        List<Reorder> points = new ArrayList<>();
        double z = new NormalDistribution().inverseCumulativeProbability(options.serviceLevel());
        int maxLength = series.values().stream().mapToInt(y -> y.length).max().orElse(0);
        String baselineName = maxLength - HOLDOUT_WEEKS >= PERIOD + 2 ? "seasonal_naive" : "naive";
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(series.entrySet());
        SeriesForecast[] fitted = new SeriesForecast[entries.size()];
        // series are independent: fit them on all cores, then assemble in the series' order
        java.util.stream.IntStream.range(0, fitted.length).parallel()
                .forEach(i -> fitted[i] = SeriesForecast.of(entries.get(i).getValue(), options.horizonWeeks(),
                        options.selection()));
        for (int i = 0; i < fitted.length; i++) {
            var e = entries.get(i);
            SeriesForecast f = fitted[i];
            methods.merge(f.method(), 1, Integer::sum);
            for (int k = 0; k < options.horizonWeeks(); k++) {
                double u = Math.max(0, f.point()[k]);
                double half = Z95 * f.sigma()[k];
                weeks.add(new Week(e.getKey(), lastWeek.plusWeeks(k + 1), u, Math.max(0, u - half), u + half,
                        f.method()));
            }
            if (f.score() != null) {
                scores.computeIfAbsent("all", k -> new ArrayList<>()).add(f.score());
                String group = category.get(e.getKey());
                if (group != null) {
                    scores.computeIfAbsent(group, k -> new ArrayList<>()).add(f.score());
                }
            }
            Integer units = stock.get(e.getKey());
            if (units != null) {
                points.add(reorder(e.getKey(), units, f, options, z));
            }
        }
        List<Score> evaluation = new ArrayList<>();
        List<double[]> all = scores.remove("all");
        if (all != null) {
            evaluation.add(score("all", all));
        }
        scores.forEach((g, list) -> evaluation.add(score(g, list)));
        points.sort(Comparator.comparing(Reorder::productId));
        List<Reorder> reorders = new ArrayList<>(points.stream().filter(r -> r.stock() <= r.reorderPoint()).toList());
        reorders.sort(Comparator.comparingDouble((Reorder r) -> r.stock() - r.reorderPoint())
                .thenComparing(Reorder::productId));
        return new Result(asOf, lastWeek, options, baselineName, weeks, evaluation, methods, points, reorders);
    }

    private static Reorder reorder(String product, int stock, SeriesForecast f, Options o,
                                                       double z) {
        double leadWeeks = o.leadTimeDays() / 7.0;
        double leadDemand = 0;
        for (int k = 0; k < Math.ceil(leadWeeks); k++) {
            double share = Math.min(1, leadWeeks - k);
            leadDemand += share * Math.max(0, k < f.point().length ? f.point()[k] : f.point()[f.point().length - 1]);
        }
        double safety = z * f.sigma()[0] * Math.sqrt(leadWeeks);
        double reorderPoint = leadDemand + safety;
        double demand = Arrays.stream(f.point()).map(v -> Math.max(0, v)).sum();
        double sd = f.sigma()[0] * Math.sqrt(f.point().length);
        int order = (int) Math.max(0, Math.ceil(demand + safety - stock));
        return new Reorder(product, stock, demand, Math.max(0, demand - Z95 * sd), demand + Z95 * sd, safety,
                reorderPoint, order);
    }

    private static Score score(String group, List<double[]> s) {
        double[] mean = new double[4];
        for (double[] v : s) {
            for (int i = 0; i < 4; i++) {
                mean[i] += v[i] / s.size();
            }
        }
        return new Score(group, s.size(), mean[0], mean[1], mean[2], mean[3]);
    }
}
