package dev.bookstore.metrics;

import dev.bookstore.model.Beta;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.EventType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The whole business picture of a date range in one immutable value: every question of {@link Metrics} asked once
 * with one set of {@link Options} — sales, periods, products, categories, buyers, activity, lapsed customers,
 * lifetime value, cohorts, RFM groups, channels, conversion, search, view → purchase, a funnel, sessions, low
 * stock, fulfilment, geography and peak times — so that the CLI, the HTTP service, the dashboard and the HTML
 * report all render the same object. Customer-state questions (lapsed customers, lifetime value, RFM, low stock)
 * are asked as of the range's last day ({@link #asOf()}).
 *
 * <pre>{@code
 * MetricsReport report = Metrics.on(warehouse).report(q4, MetricsReport.Options.defaults().withTop(10));
 * BigDecimal gross = report.sales().grossRevenue();
 * String json = report.toJson();
 * }</pre>
 *
 * <p>Ranked lists are cut at {@link Options#top()} (products, categories, subcategories, customers, search terms,
 * most viewed products, places, busiest hours); lapsed customers and low stock are an {@link Excerpt}: the count of
 * all and the first {@code top} rows; RFM groups and peak times are complete. The values are those of the single
 * {@code Metrics} calls, composed and never recomputed.
 *
 * <p><b>JSON</b> ({@link #toJson()}): the components by their names in snake_case ({@code gross_revenue},
 * {@code new_vs_returning}), plus the derived values of the result records ({@code average_order_value},
 * {@code rate}, {@code bounce_rate}, ...); money as exact JSON numbers with two decimals ({@code 1234.50}, never
 * rounded through a double); days as ISO {@code yyyy-MM-dd}, months as {@code yyyy-MM}; durations as seconds (a
 * number, fractional to the millisecond) under a key ending in {@code _seconds} ({@code median_duration_seconds},
 * {@code window_seconds}); fulfilment legs in days (keys ending in {@code _days}); rates and shares as fractions
 * (0.25, not 25); enum values in lower case ({@code product_view}, {@code month}, {@code monday}); absent values
 * ({@link Optional#empty()}) are left out. These are the project's {@link JsonConventions}: the HTTP service writes
 * each result record of its own routes the same way.
 *
 * <p>{@link Beta}: the parts and the JSON shape may still grow (new parts, new keys) while the HTTP service and the
 * dashboard are built on it; existing keys keep their meaning.
 *
 * @param range the range asked about
 * @param options the options that shaped the questions
 * @param sales the totals of the range ({@link Metrics#sales})
 * @param newVsReturning new, returning and guest buyers ({@link Metrics#newVsReturning})
 * @param periods revenue and active customers per {@link Options#grain()} period, oldest first
 * @param activeCustomers daily and rolling active-customer averages and stickiness
 * @param topProducts the best sellers by {@link Options#rankBy()} ({@link Metrics#bestsellers})
 * @param categories the top categories by revenue ({@link Metrics#revenueByCategory})
 * @param subcategories the top subcategories by revenue ({@link Metrics#revenueBySubcategory})
 * @param lapsedCustomers customers without an order in the {@link Options#lapsedDays()} days to {@link #asOf()}
 * @param topCustomers the most valuable customers to {@link #asOf()} ({@link Metrics#lifetimeValues})
 * @param cohortLifetimeValue revenue per customer by first-order month ({@link Metrics#cohortLifetimeValue})
 * @param retentionCohorts customers ordering again by first-order month ({@link Metrics#retention})
 * @param rfm customers and revenue per RFM code as of {@link #asOf()}, most customers first, then by code
 * @param channels revenue and conversion per channel ({@link Metrics#channels})
 * @param conversion sessions with a purchase ({@link Metrics#conversion})
 * @param searchTerms the top search terms ({@link Metrics#topSearchTerms})
 * @param viewToPurchase product view → purchase with the most viewed products ({@link Metrics#viewToPurchase})
 * @param funnel the {@link Options#funnel()} over the range ({@link Metrics#funnel})
 * @param sessions session counts, durations and bounces ({@link Metrics#sessions})
 * @param lowStock products running low on {@link #asOf()} by {@link Options#lowStock()} ({@link Metrics#lowStock})
 * @param fulfilment order → shipped → delivered times ({@link Metrics#fulfilment})
 * @param geography the top places by revenue at {@link Options#geo()} ({@link Metrics#geography})
 * @param peakTimes orders per day of week and hour, all of them ({@link Metrics#peakTimes})
 * @param busiestHours the {@code top} busiest hours: most orders first, then by day and hour
 */
@Beta
public record MetricsReport(DateRange range, Options options, SalesSummary sales, NewVsReturning newVsReturning,
                            List<Period> periods, Activity activeCustomers, List<ProductSales> topProducts,
                            List<CategorySales> categories, List<CategorySales> subcategories,
                            Excerpt<LapsedCustomer> lapsedCustomers, List<CustomerValue> topCustomers,
                            List<CohortValue> cohortLifetimeValue, List<RetentionCohort> retentionCohorts,
                            List<RfmGroup> rfm, List<ChannelPerformance> channels, Conversion conversion,
                            List<SearchTerm> searchTerms, ViewToPurchase viewToPurchase, FunnelResult funnel,
                            SessionStats sessions, Excerpt<LowStockItem> lowStock, FulfilmentTimes fulfilment,
                            List<GeoSales> geography, List<PeakTime> peakTimes, List<PeakTime> busiestHours) {
    /** The rolling windows of {@link Activity#rollingAverages()}, in days. */
    public static final List<Integer> ROLLING_WINDOWS = List.of(7, 28, 30);

    /** Validates the fields and copies the lists. */
    public MetricsReport {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sales, "sales");
        Objects.requireNonNull(newVsReturning, "newVsReturning");
        Objects.requireNonNull(activeCustomers, "activeCustomers");
        Objects.requireNonNull(lapsedCustomers, "lapsedCustomers");
        Objects.requireNonNull(conversion, "conversion");
        Objects.requireNonNull(viewToPurchase, "viewToPurchase");
        Objects.requireNonNull(funnel, "funnel");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(lowStock, "lowStock");
        Objects.requireNonNull(fulfilment, "fulfilment");
        periods = List.copyOf(periods);
        topProducts = List.copyOf(topProducts);
        categories = List.copyOf(categories);
        subcategories = List.copyOf(subcategories);
        topCustomers = List.copyOf(topCustomers);
        cohortLifetimeValue = List.copyOf(cohortLifetimeValue);
        retentionCohorts = List.copyOf(retentionCohorts);
        rfm = List.copyOf(rfm);
        channels = List.copyOf(channels);
        searchTerms = List.copyOf(searchTerms);
        geography = List.copyOf(geography);
        peakTimes = List.copyOf(peakTimes);
        busiestHours = List.copyOf(busiestHours);
    }

    /**
     * Asks every question of the report through {@code metrics} (and so through its cache).
     *
     * @throws dev.bookstore.model.BookstoreException when a question fails (marts missing, database unreachable)
     */
    public static MetricsReport of(Metrics metrics, DateRange range, Options options) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(options, "options");
        Metrics m = metrics;
        DateRange r = range;
        LocalDate asOf = r.to();
        int top = options.top();

        List<ActiveCustomers> active = m.activeCustomers(r, options.grain());
        Map<LocalDate, Long> activeByPeriod = active.stream()
                .collect(Collectors.toMap(ActiveCustomers::periodStart, ActiveCustomers::customers, (a, b) -> a));
        List<Period> periods = m.revenue(r, options.grain()).stream()
                .map(p -> new Period(p.periodStart(), p.orders(), p.items(), p.grossRevenue(), p.netRevenue(),
                        p.averageOrderValue(), activeByPeriod.getOrDefault(p.periodStart(), 0L)))
                .toList();

        Stickiness stickiness = m.stickiness(r);
        List<RollingAverage> rolling = ROLLING_WINDOWS.stream()
                .map(w -> new RollingAverage(w, m.rollingActiveCustomers(r, w).stream()
                        .mapToLong(ActiveCustomers::customers).average().orElse(0)))
                .toList();
        Activity activity = new Activity(stickiness.averageDailyActive(), stickiness.averageMonthlyActive(),
                stickiness.ratio(), rolling);

        List<LapsedCustomer> lapsed = m.lapsedCustomers(asOf, options.lapsedDays());
        List<LowStockItem> lowStock = m.lowStock(asOf, options.lowStock());
        List<PeakTime> peakTimes = m.peakTimes(r);

        return new MetricsReport(r, options, m.sales(r), m.newVsReturning(r), periods, activity,
                m.bestsellers(r, top, options.rankBy()),
                m.revenueByCategory(r).stream().limit(top).toList(),
                m.revenueBySubcategory(r).stream().limit(top).toList(),
                Excerpt.of(lapsed, top),
                m.lifetimeValues(asOf).stream().limit(top).toList(),
                m.cohortLifetimeValue(r), m.retention(r), rfmGroups(m.rfm(asOf)), m.channels(r), m.conversion(r),
                m.topSearchTerms(r, top), m.viewToPurchase(r, top), m.funnel(options.funnel(), r), m.sessions(r),
                Excerpt.of(lowStock, top), m.fulfilment(r), m.geography(r, options.geo()).stream().limit(top).toList(),
                peakTimes, busiestHours(peakTimes, top));
    }

    /** The day customer-state questions are asked as of: the range's last day. */
    public LocalDate asOf() {
        return range.to();
    }

    /**
     * This report as pretty-printed JSON, in the shape described on the class: snake_case keys, exact money, ISO
     * days, durations in seconds.
     */
    public String toJson() {
        return ReportJson.write(this);
    }

    static List<RfmGroup> rfmGroups(List<RfmScore> scores) {
        Map<String, List<RfmScore>> byCode = scores.stream().collect(Collectors.groupingBy(RfmScore::code));
        return byCode.entrySet().stream()
                .map(e -> new RfmGroup(e.getKey(), e.getValue().size(),
                        e.getValue().stream().map(RfmScore::monetary).reduce(BigDecimal.ZERO, BigDecimal::add)))
                .sorted(Comparator.comparingLong(RfmGroup::customers).reversed().thenComparing(RfmGroup::code))
                .toList();
    }

    static List<PeakTime> busiestHours(List<PeakTime> peakTimes, int top) {
        return peakTimes.stream().sorted(Comparator.comparingLong(PeakTime::orders).reversed()
                        .thenComparing(PeakTime::dayOfWeek).thenComparingInt(PeakTime::hour))
                .limit(top).toList();
    }

    /**
     * The options that shape a report's questions. Immutable; each {@code with} method returns a modified copy and
     * rejects a value outside its range, naming it.
     *
     * <pre>{@code
     * Options o = Options.defaults().withTop(10).withGrain(Granularity.WEEK).withGeo(GeoLevel.CITY);
     * }</pre>
     *
     * @param top rows of each ranked list and excerpt, 1..1,000 (default 5)
     * @param grain the period of {@link MetricsReport#periods()} (default month)
     * @param rankBy the measure ranking {@link MetricsReport#topProducts()} (default revenue)
     * @param lapsedDays customers without an order in this many days to the as-of day are lapsed, 1..36,600
     *                   (default 60)
     * @param funnel the funnel to count (default {@link #DEFAULT_FUNNEL})
     * @param geo the level of {@link MetricsReport#geography()} (default country)
     * @param lowStock when a product runs low (default {@link LowStockRule#defaults()})
     */
    public record Options(int top, Granularity grain, BestsellerRanking rankBy, int lapsedDays, Funnel funnel,
                          GeoLevel geo, LowStockRule lowStock) {
        /** The largest {@link #top()}. */
        public static final int MAX_TOP = 1_000;
        /** The largest {@link #lapsedDays()}. */
        public static final int MAX_LAPSED_DAYS = 36_600;
        /** The default funnel: product view → add to cart → checkout → purchase within a day, loose, per session. */
        public static final Funnel DEFAULT_FUNNEL = Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                EventType.CHECKOUT, EventType.PURCHASE).within(Duration.ofDays(1)).loose().scope(FunnelScope.SESSION);

        /** Validates the fields, naming the wrong one. */
        public Options {
            if (top < 1 || top > MAX_TOP) {
                throw new InvalidArgumentException("top", "top " + top + " is outside 1.." + MAX_TOP);
            }
            if (lapsedDays < 1 || lapsedDays > MAX_LAPSED_DAYS) {
                throw new InvalidArgumentException("lapsedDays", "lapsedDays " + lapsedDays + " is outside 1.." + MAX_LAPSED_DAYS);
            }
            Objects.requireNonNull(grain, "grain");
            Objects.requireNonNull(rankBy, "rankBy");
            Objects.requireNonNull(funnel, "funnel");
            Objects.requireNonNull(geo, "geo");
            Objects.requireNonNull(lowStock, "lowStock");
        }

        /** Top 5, by month, ranked by revenue, lapsed after 60 days, the default funnel, by country, default stock. */
        public static Options defaults() {
            return new Options(5, Granularity.MONTH, BestsellerRanking.REVENUE, 60, DEFAULT_FUNNEL, GeoLevel.COUNTRY,
                    LowStockRule.defaults());
        }

        /** A copy with this many rows per ranked list. */
        public Options withTop(int rows) {
            return new Options(rows, grain, rankBy, lapsedDays, funnel, geo, lowStock);
        }

        /** A copy with this period. */
        public Options withGrain(Granularity period) {
            return new Options(top, period, rankBy, lapsedDays, funnel, geo, lowStock);
        }

        /** A copy ranking products by this measure. */
        public Options withRankBy(BestsellerRanking ranking) {
            return new Options(top, grain, ranking, lapsedDays, funnel, geo, lowStock);
        }

        /** A copy with this lapse. */
        public Options withLapsedDays(int days) {
            return new Options(top, grain, rankBy, days, funnel, geo, lowStock);
        }

        /** A copy counting this funnel. */
        public Options withFunnel(Funnel steps) {
            return new Options(top, grain, rankBy, lapsedDays, steps, geo, lowStock);
        }

        /** A copy with this geographic level. */
        public Options withGeo(GeoLevel level) {
            return new Options(top, grain, rankBy, lapsedDays, funnel, level, lowStock);
        }

        /** A copy with this low-stock rule. */
        public Options withLowStock(LowStockRule rule) {
            return new Options(top, grain, rankBy, lapsedDays, funnel, geo, rule);
        }
    }

    /**
     * Revenue and active customers of one period ({@link Metrics#revenue} joined with
     * {@link Metrics#activeCustomers} on the period's first day).
     *
     * @param periodStart the period's first day
     * @param orders orders placed in it
     * @param items units sold in it
     * @param grossRevenue its gross revenue
     * @param netRevenue its net revenue
     * @param averageOrderValue gross revenue ÷ orders, to the penny; empty without orders
     * @param activeCustomers customers with an event in it (0 when none)
     */
    public record Period(LocalDate periodStart, long orders, long items, BigDecimal grossRevenue,
                         BigDecimal netRevenue, Optional<BigDecimal> averageOrderValue, long activeCustomers) {
        /** Validates the fields. */
        public Period {
            Objects.requireNonNull(periodStart, "periodStart");
            Objects.requireNonNull(grossRevenue, "grossRevenue");
            Objects.requireNonNull(netRevenue, "netRevenue");
            Objects.requireNonNull(averageOrderValue, "averageOrderValue");
        }
    }

    /**
     * How many customers are active ({@link Metrics#stickiness}, {@link Metrics#rollingActiveCustomers}).
     *
     * @param averageDaily mean daily active customers
     * @param averageMonthly mean rolling 30-day active customers
     * @param stickiness averageDaily ÷ averageMonthly, 0 without activity
     * @param rollingAverages the mean of each rolling window's active customers over the range, by
     *                        {@link #ROLLING_WINDOWS}
     */
    public record Activity(double averageDaily, double averageMonthly, double stickiness,
                           List<RollingAverage> rollingAverages) {
        /** Copies the list. */
        public Activity {
            rollingAverages = List.copyOf(rollingAverages);
        }

        /** The average for a window of {@code windowDays}, if the report has it. */
        public OptionalDouble rollingAverage(int windowDays) {
            return rollingAverages.stream().filter(a -> a.windowDays() == windowDays)
                    .mapToDouble(RollingAverage::averageCustomers).findFirst();
        }
    }

    /**
     * The mean number of customers active in a rolling window, over the range's days.
     *
     * @param windowDays the window, in days
     * @param averageCustomers the mean of its active customers
     */
    public record RollingAverage(int windowDays, double averageCustomers) {
    }

    /**
     * Customers sharing one RFM code.
     *
     * @param code the code, recency, frequency and monetary quintile ({@code "555"} is best)
     * @param customers customers with that code
     * @param grossRevenue their gross revenue to the as-of day
     */
    public record RfmGroup(String code, long customers, BigDecimal grossRevenue) {
        /** Validates the fields. */
        public RfmGroup {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(grossRevenue, "grossRevenue");
        }
    }

    /**
     * A long list in brief: how many rows it has and its first rows.
     *
     * @param count the rows of the whole list
     * @param first its first rows, in its order
     * @param <T> the row type
     */
    public record Excerpt<T>(long count, List<T> first) {
        /** Copies the list. */
        public Excerpt {
            first = List.copyOf(first);
        }

        /** The size of {@code all} and its first {@code n} rows. */
        public static <T> Excerpt<T> of(List<T> all, int n) {
            return new Excerpt<>(all.size(), all.stream().limit(n).toList());
        }
    }
}
