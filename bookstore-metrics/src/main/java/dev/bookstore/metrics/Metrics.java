package dev.bookstore.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Beta;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Main entry point of the metrics: the business questions about a warehouse, each answered by one SQL query over
 * its marts, pushed down to the database (DuckDB, PostgreSQL, MariaDB or H2 alike), with typed, immutable results.
 *
 * <pre>{@code
 * Metrics metrics = Metrics.on(warehouse);
 * DateRange q4 = DateRange.of(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-12-31"));
 * SalesSummary sales = metrics.sales(q4);
 * List<RevenuePoint> monthly = metrics.revenue(q4, Granularity.MONTH);
 * FunnelResult funnel = metrics.funnel(Funnel.of(PRODUCT_VIEW, ADD_TO_CART, PURCHASE).within(Duration.ofDays(1)), q4);
 * }</pre>
 *
 * <p><b>Shared definitions</b> (implemented once, by the marts' columns, and used by every metric): a <i>valid sale
 * line</i> has quantity &gt; 0, unit price &gt; 0 and a status other than cancelled; <i>gross revenue</i> =
 * Σ quantity × unit price over valid sale lines; <i>net revenue</i> = gross revenue − the gross revenue of valid
 * lines of returned orders − Σ |quantity| × unit price over cancellation lines (negative quantities, as Online Retail
 * {@code C} invoices); an <i>order</i> is a distinct order (invoice) id with at least one valid sale line. A
 * <i>session</i> is a user's run of events with no gap longer than 30 minutes; an <i>active customer</i> is a user
 * with at least one clickstream event. Days are business days in the warehouse's reporting zone
 * ({@link Warehouse#calendar()}), as the marts store them; hours of day are wall-clock hours in that zone.
 *
 * <p><b>Results</b> never hold {@code null}: absent values are {@link Optional} or empty lists; a missing label
 * (a product without category, an order without channel) is {@value #UNKNOWN}; a rate whose denominator is 0 is 0.
 * Money is {@link BigDecimal} with two decimals, exact; averages of money are rounded half-even to the penny.
 * A range without data gives empty lists and zero totals, not errors. Lists with a natural order say it; the
 * others are sorted by their main measure, largest first, then by name, so results are identical on every
 * database.
 *
 * <p><b>Caching</b>: results are kept in a Caffeine cache keyed by the question, its arguments and the warehouse's
 * <i>data version</i> — the number of model builds recorded in {@code meta.transform_runs} and the latest one's
 * finish time, which every transform run (the only writer of the marts) changes. So a repeated question is answered
 * from memory until the next transform run, and never with data older than it (read on every call by default;
 * see {@link MetricsOptions#versionCheckEvery()}). {@link #invalidate()} empties the cache at once, for pipelines
 * that change the marts by other means. Sizes and lifetime: {@link MetricsOptions}.
 *
 * <p>Thread-safe; cheap to create, but share one per warehouse to share its cache. Library code: it never prints.
 */
public final class Metrics {
    /** The label of a missing group value (category, channel, device, place, title). */
    public static final String UNKNOWN = "(unknown)";
    /** The subcategory of a per-category row ({@link #revenueByCategory}). */
    public static final String ALL = "(all)";

    private final Queries queries;
    private final MetricsOptions options;
    private final Optional<Cache<CacheKey, Object>> cache;
    private final Object versionLock = new Object();
    private volatile String version = "";
    private volatile long versionReadAt = Long.MIN_VALUE;

    private record CacheKey(String metric, List<Object> arguments, String dataVersion) {
    }

    private Metrics(Warehouse warehouse, MetricsOptions options) {
        this.queries = new Queries(warehouse);
        this.options = options;
        this.cache = options.cacheSize() == 0 ? Optional.empty()
                : Optional.of(Caffeine.newBuilder().maximumSize(options.cacheSize())
                        .expireAfterWrite(options.cacheTtl()).recordStats().build());
    }

    /** The metrics of {@code warehouse}, with {@link MetricsOptions#defaults() default} caching. */
    public static Metrics on(Warehouse warehouse) {
        return on(warehouse, MetricsOptions.defaults());
    }

    /** The metrics of {@code warehouse}, with these options. */
    public static Metrics on(Warehouse warehouse, MetricsOptions options) {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(options, "options");
        return new Metrics(warehouse, options);
    }

    /** The options this instance was built with. */
    public MetricsOptions options() {
        return options;
    }

    /** Forgets every cached result: the next call of each question queries the database. */
    public void invalidate() {
        synchronized (versionLock) {
            cache.ifPresent(Cache::invalidateAll);
            versionReadAt = Long.MIN_VALUE;
        }
    }

    // ================================================================================================= report

    /**
     * Every question for {@code range} at once, as one value to render ({@link MetricsReport#of}); customer-state
     * questions as of the range's last day.
     *
     * <pre>{@code
     * MetricsReport report = metrics.report(q4, MetricsReport.Options.defaults().withGrain(Granularity.WEEK));
     * }</pre>
     */
    @Beta
    public MetricsReport report(DateRange range, MetricsReport.Options options) {
        return MetricsReport.of(this, range, options);
    }

    /** {@link #report(DateRange, MetricsReport.Options)} with {@link MetricsReport.Options#defaults()}. */
    @Beta
    public MetricsReport report(DateRange range) {
        return report(range, MetricsReport.Options.defaults());
    }

    // ================================================================================================== sales

    /**
     * Revenue and orders per period: one point per period holding days of the range on which the warehouse has
     * order data (from its first to its last order day; days without orders count zero), oldest first.
     */
    public List<RevenuePoint> revenue(DateRange range, Granularity granularity) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(granularity, "granularity");
        return cached("revenue", List.of(range, granularity), () -> queries.list("revenue_by_period",
                Map.of("grain", granularity.unit().name()), dates(range),
                rs -> new RevenuePoint(Queries.date(rs, "period_start"), Queries.count(rs, "total_orders"),
                        Queries.count(rs, "total_items"), Queries.money(rs, "total_gross"),
                        Queries.money(rs, "total_net"))));
    }

    /** The sales totals of the range: orders, customers, units, gross, returned, cancelled and net revenue. */
    public SalesSummary sales(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("sales", List.of(range), () -> queries.one("sales_summary", Map.of(), dates(range),
                rs -> new SalesSummary(range, Queries.count(rs, "total_orders"), Queries.count(rs, "customers"),
                        Queries.count(rs, "total_items"), Queries.money(rs, "total_gross"),
                        Queries.money(rs, "total_returned"), Queries.money(rs, "total_cancelled"),
                        Queries.money(rs, "total_net"))));
    }

    /** Average order value: gross revenue ÷ orders of the range, to the penny; empty without orders. */
    public Optional<BigDecimal> averageOrderValue(DateRange range) {
        return sales(range).averageOrderValue();
    }

    /**
     * The day of the latest order in the warehouse (in the reporting zone), empty when it holds none: the
     * natural "as of" day of questions about the data as it stands, used by the {@code bookstore} commands when no
     * day is given.
     *
     * <pre>{@code
     * LocalDate asOf = metrics.latestOrderDay().orElseThrow();
     * }</pre>
     */
    public Optional<LocalDate> latestOrderDay() {
        return queries.one("latest_order_day", Map.of(), Map.of(), rs -> Queries.optionalDate(rs, "latest_day"));
    }

    /**
     * The {@code n} products with the most gross revenue or units sold in the range (valid sale lines), best first;
     * ties are broken by the other measure, then by product id.
     *
     * @throws InvalidArgumentException when {@code n} is outside 1..10,000
     */
    public List<ProductSales> bestsellers(DateRange range, int n, BestsellerRanking ranking) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(ranking, "ranking");
        requireLimit(n, "bestsellers");
        Map<String, String> fragments = Map.of(
                "rank_by", ranking == BestsellerRanking.REVENUE ? "s.gross" : "s.units",
                "then_by", ranking == BestsellerRanking.REVENUE ? "s.units" : "s.gross",
                "limit", Integer.toString(n));
        return cached("bestsellers", List.of(range, n, ranking), () -> {
            List<ProductSales> rows = queries.list("bestsellers", fragments, dates(range),
                    rs -> new ProductSales(0, rs.getString("product_id"), Queries.text(rs, "title"),
                            Queries.text(rs, "category"), Queries.text(rs, "subcategory"), Queries.count(rs, "units"),
                            Queries.count(rs, "orders"), Queries.money(rs, "gross")));
            List<ProductSales> ranked = new ArrayList<>();
            for (ProductSales p : rows) {
                ranked.add(new ProductSales(ranked.size() + 1, p.productId(), p.title(), p.category(),
                        p.subcategory(), p.units(), p.orders(), p.grossRevenue()));
            }
            return List.copyOf(ranked);
        });
    }

    /** Revenue per product category in the range, largest gross revenue first; subcategory is {@value #ALL}. */
    public List<CategorySales> revenueByCategory(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("revenueByCategory", List.of(range), () -> categories(range, false));
    }

    /** Revenue per category and subcategory in the range, largest gross revenue first. */
    public List<CategorySales> revenueBySubcategory(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("revenueBySubcategory", List.of(range), () -> categories(range, true));
    }

    private List<CategorySales> categories(DateRange range, boolean sub) {
        Map<String, String> fragments = Map.of(
                "group_columns", sub ? "category, subcategory" : "category",
                "order_subcategory", sub ? "COALESCE(subcategory, '" + UNKNOWN + "')" : "'" + ALL + "'");
        List<CategorySales> rows = queries.list("revenue_by_category", fragments, dates(range),
                rs -> new CategorySales(Queries.text(rs, "category"), sub ? Queries.text(rs, "subcategory") : ALL,
                        Queries.count(rs, "total_orders"), Queries.count(rs, "total_units"),
                        Queries.money(rs, "total_gross"), Queries.money(rs, "total_net"), 0.0));
        BigDecimal total = rows.stream().map(CategorySales::grossRevenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        return rows.stream()
                .map(r -> new CategorySales(r.category(), r.subcategory(), r.orders(), r.units(), r.grossRevenue(),
                        r.netRevenue(), total.signum() == 0 ? 0.0
                        : r.grossRevenue().doubleValue() / total.doubleValue()))
                .sorted(Comparator.comparing(CategorySales::grossRevenue).reversed()
                        .thenComparing(CategorySales::category).thenComparing(CategorySales::subcategory))
                .toList();
    }

    /** The range's orders split into new customers', returning customers' and guests' (see {@link NewVsReturning}). */
    public NewVsReturning newVsReturning(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("newVsReturning", List.of(range), () -> {
            Map<String, SegmentSales> segments = new HashMap<>();
            queries.list("new_vs_returning", Map.of(), dates(range), rs -> segments.put(rs.getString("segment"),
                    new SegmentSales(Queries.count(rs, "customers"), Queries.count(rs, "order_count"),
                            Queries.money(rs, "total_gross"), Queries.money(rs, "total_net"))));
            return new NewVsReturning(segments.getOrDefault("new", SegmentSales.NONE),
                    segments.getOrDefault("returning", SegmentSales.NONE),
                    segments.getOrDefault("guest", SegmentSales.NONE));
        });
    }

    // ================================================================================================== customers

    /**
     * Active customers per calendar period — DAU ({@link Granularity#DAY}), WAU (WEEK), MAU (MONTH) — counting the
     * range's days of each period; periods without activity are left out; oldest first.
     */
    public List<ActiveCustomers> activeCustomers(DateRange range, Granularity granularity) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(granularity, "granularity");
        if (granularity == Granularity.DAY) {
            // DAU: the daily mart already counts each day's distinct users (no pass over the events)
            return cached("activeCustomers", List.of(range, granularity), () -> queries.list("daily_active",
                            Map.of(), dates(range), rs -> new ActiveCustomers(Queries.date(rs, "event_date"), 1,
                                    Queries.count(rs, "active_users")))
                    .stream().filter(a -> a.customers() > 0).toList());
        }
        return cached("activeCustomers", List.of(range, granularity), () -> queries.list("active_customers",
                Map.of("grain", granularity.unit().name()), dates(range), rs -> {
                    LocalDate start = Queries.date(rs, "period_start");
                    LocalDate first = start.isBefore(range.from()) ? range.from() : start;
                    LocalDate end = periodEnd(start, granularity);
                    LocalDate last = end.isAfter(range.to()) ? range.to() : end;
                    return new ActiveCustomers(start, (int) ChronoUnit.DAYS.between(first, last) + 1,
                            Queries.count(rs, "active_users"));
                }));
    }

    private static LocalDate periodEnd(LocalDate start, Granularity g) {
        return switch (g) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> start.plusMonths(1).minusDays(1);
            case QUARTER -> start.plusMonths(3).minusDays(1);
        };
    }

    /**
     * Active customers in the rolling window of {@code windowDays} days ending on each day of the range that has
     * clickstream data (e.g. 7 for WAU, 28 or 30 for MAU); the window may reach before the range. Oldest first.
     *
     * @throws InvalidArgumentException when {@code windowDays} is outside 1..366
     */
    public List<ActiveCustomers> rollingActiveCustomers(DateRange range, int windowDays) {
        Objects.requireNonNull(range, "range");
        if (windowDays < 1 || windowDays > 366) {
            throw new InvalidArgumentException("windowDays", "rolling window of " + windowDays
                    + " days is outside 1..366 (e.g. 7, 28, 30)");
        }
        return cached("rollingActiveCustomers", List.of(range, windowDays), () -> rolling(range, windowDays));
    }

    private List<ActiveCustomers> rolling(DateRange range, int windowDays) {
        Map<String, Object> params = new HashMap<>(dates(range));
        params.put("window", windowDays);
        params.put("back", -(windowDays - 1));
        return queries.list("rolling_active_customers", Map.of(), params,
                rs -> new ActiveCustomers(Queries.date(rs, "active_day"), windowDays, Queries.count(rs, "active")));
    }

    /** Stickiness of the range: average DAU ÷ average rolling 30-day active users over its days with data. */
    public Stickiness stickiness(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("stickiness", List.of(range), () -> {
            List<long[]> daily = queries.list("daily_active", Map.of(), dates(range),
                    rs -> new long[] {Queries.date(rs, "event_date").toEpochDay(),
                            Queries.count(rs, "active_users")});
            List<ActiveCustomers> monthly = rolling(range, 30);
            long days = daily.size();
            double dau = days == 0 ? 0 : daily.stream().mapToLong(a -> a[1]).sum() / (double) days;
            double mau = monthly.isEmpty() ? 0
                    : monthly.stream().mapToLong(ActiveCustomers::customers).sum() / (double) monthly.size();
            return new Stickiness(range, days, dau, mau, mau == 0 ? 0.0 : dau / mau);
        });
    }

    /**
     * Customers with no order in the {@code days} days ending on {@code asOf} (asOf − days + 1 .. asOf): those
     * registered on or before asOf − days whose last order is on or before that day, or who never ordered. Sorted
     * by last order day (never ordered first), then id.
     *
     * @throws InvalidArgumentException when {@code days} is outside 1..36,600
     */
    public List<LapsedCustomer> lapsedCustomers(LocalDate asOf, int days) {
        Objects.requireNonNull(asOf, "asOf");
        if (days < 1 || days > 36_600) {
            throw new InvalidArgumentException("days", "lapsed customers: " + days + " days is outside 1..36600");
        }
        return cached("lapsedCustomers", List.of(asOf, days), () -> queries.list("lapsed_customers", Map.of(),
                        Map.of("as_of", asOf, "cutoff", asOf.minusDays(days)),
                        rs -> new LapsedCustomer(rs.getString("customer_id"), Queries.date(rs, "registered_on"),
                                Queries.optionalDate(rs, "last_ordered_on"), Queries.count(rs, "order_count")))
                .stream()
                .sorted(Comparator.comparing((LapsedCustomer c) -> c.lastOrderDate().orElse(LocalDate.MIN))
                        .thenComparing(LapsedCustomer::customerId))
                .toList());
    }

    /**
     * Historical lifetime value of every customer who ordered on or before {@code asOf}: their orders and revenue
     * up to that day, the most valuable first (then by id).
     */
    public List<CustomerValue> lifetimeValues(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return cached("lifetimeValues", List.of(asOf), () -> queries.list("customer_lifetime_value", Map.of(),
                        Map.of("as_of", asOf),
                        rs -> new CustomerValue(rs.getString("customer_id"), Queries.date(rs, "first_ordered_on"),
                                Queries.date(rs, "last_ordered_on"), Queries.count(rs, "order_count"),
                                Queries.money(rs, "total_gross"), Queries.money(rs, "total_net")))
                .stream()
                .sorted(Comparator.comparing(CustomerValue::grossRevenue).reversed()
                        .thenComparing(CustomerValue::customerId))
                .toList());
    }

    /**
     * Lifetime value curves of the cohorts acquired in the range (customers whose first order is in it, grouped by
     * that order's month), each followed up to the range's last month (or the month of the latest order in the
     * warehouse, when that is earlier): orders after the range's last day are not counted. Oldest first.
     */
    public List<CohortValue> cohortLifetimeValue(DateRange cohorts) {
        Objects.requireNonNull(cohorts, "cohorts");
        return cached("cohortLifetimeValue", List.of(cohorts), () -> {
            List<CohortValue> out = new ArrayList<>();
            cohortCells(cohorts).forEach((month, cells) -> {
                long size = cells.get(0).customers();
                BigDecimal cumulative = Money.ZERO;
                List<CohortValue.Point> points = new ArrayList<>();
                for (CohortCell cell : cells) {
                    cumulative = cumulative.add(cell.revenue());
                    points.add(new CohortValue.Point(cell.monthsSince(), cumulative,
                            Money.average(cumulative, size).orElse(Money.ZERO)));
                }
                out.add(new CohortValue(month, size, points));
            });
            return List.copyOf(out);
        });
    }

    /**
     * Retention cohorts of the customers acquired in the range (first order in it, grouped by that order's month):
     * how many ordered in each calendar month since, up to the range's last month (or the month of the latest order
     * in the warehouse, when that is earlier): orders after the range's last day are not counted. Oldest first.
     */
    public List<RetentionCohort> retention(DateRange cohorts) {
        Objects.requireNonNull(cohorts, "cohorts");
        return cached("retention", List.of(cohorts), () -> {
            List<RetentionCohort> out = new ArrayList<>();
            cohortCells(cohorts).forEach((month, cells) -> {
                long size = cells.get(0).customers();
                List<RetentionCohort.Point> points = cells.stream()
                        .map(c -> new RetentionCohort.Point(c.monthsSince(), c.customers(),
                                Money.rate(c.customers(), size)))
                        .toList();
                out.add(new RetentionCohort(month, size, points));
            });
            return List.copyOf(out);
        });
    }

    private record CohortCell(int monthsSince, long customers, BigDecimal revenue) {
    }

    /** Per cohort month, one cell per month since acquisition up to the range's (or the data's) last month. */
    private TreeMap<YearMonth, List<CohortCell>> cohortCells(DateRange cohorts) {
        record Row(YearMonth cohort, int monthsSince, long customers, BigDecimal revenue, int horizon) {
        }
        List<Row> rows = queries.list("cohort_activity", Map.of("grain", "MONTH"), dates(cohorts),
                rs -> new Row(YearMonth.from(Queries.date(rs, "cohort_month")), rs.getInt("months_since"),
                        Queries.count(rs, "customers"), Queries.money(rs, "total_gross"),
                        rs.getInt("months_observed")));
        TreeMap<YearMonth, List<CohortCell>> out = new TreeMap<>();
        Map<YearMonth, Map<Integer, Row>> byCohort = new TreeMap<>();
        for (Row r : rows) {
            byCohort.computeIfAbsent(r.cohort(), k -> new HashMap<>()).put(r.monthsSince(), r);
        }
        YearMonth last = YearMonth.from(cohorts.to());
        byCohort.forEach((month, cells) -> {
            int horizon = (int) Math.min(cells.values().iterator().next().horizon(), month.until(last,
                    java.time.temporal.ChronoUnit.MONTHS));
            List<CohortCell> list = new ArrayList<>();
            for (int k = 0; k <= horizon; k++) {
                Row r = cells.get(k);
                list.add(r == null ? new CohortCell(k, 0, Money.ZERO) : new CohortCell(k, r.customers(), r.revenue()));
            }
            out.put(month, List.copyOf(list));
        });
        return out;
    }

    /** RFM scores of every customer who ordered on or before {@code asOf} (see {@link RfmScore}), sorted by id. */
    public List<RfmScore> rfm(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return cached("rfm", List.of(asOf), () -> queries.list("rfm", Map.of(), Map.of("as_of", asOf),
                        rs -> new RfmScore(rs.getString("customer_id"), Queries.count(rs, "recency_days"),
                                Queries.count(rs, "frequency"), Queries.money(rs, "monetary"),
                                rs.getInt("r_score"), rs.getInt("f_score"), rs.getInt("m_score")))
                .stream().sorted(Comparator.comparing(RfmScore::customerId)).toList());
    }

    // ================================================================================================== marketing

    /** Orders, revenue, sessions and conversion per marketing channel in the range, largest revenue first. */
    public List<ChannelPerformance> channels(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("channels", List.of(range), () -> queries.list("channels", Map.of(), dates(range),
                        rs -> new ChannelPerformance(Queries.text(rs, "channel"), Queries.count(rs, "total_orders"),
                                Queries.money(rs, "total_gross"), Queries.money(rs, "total_net"),
                                Queries.count(rs, "total_sessions"), Queries.count(rs, "total_purchasing")))
                .stream()
                .sorted(Comparator.comparing(ChannelPerformance::grossRevenue).reversed()
                        .thenComparing(ChannelPerformance::channel))
                .toList());
    }

    /** Conversion rate of the range: sessions with a purchase event ÷ sessions. */
    public Conversion conversion(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("conversion", List.of(range), () -> queries.one("conversion", Map.of(), dates(range),
                rs -> new Conversion(Queries.count(rs, "total_sessions"), Queries.count(rs, "total_purchasing"))));
    }

    /**
     * The {@code n} most searched terms of the range with their search → purchase rates, most searched first
     * (ties by term in the database's collation).
     *
     * @throws InvalidArgumentException when {@code n} is outside 1..10,000
     */
    public List<SearchTerm> topSearchTerms(DateRange range, int n) {
        Objects.requireNonNull(range, "range");
        requireLimit(n, "search terms");
        return cached("topSearchTerms", List.of(range, n), () -> queries.list("search_terms",
                Map.of("limit", Integer.toString(n)), dates(range),
                rs -> new SearchTerm(rs.getString("term"), Queries.count(rs, "term_searches"),
                        Queries.count(rs, "term_sessions"), Queries.count(rs, "converted"))));
    }

    /**
     * Product view → purchase conversion of the range overall, with the {@code topProducts} most viewed products
     * (see {@link ViewToPurchase}).
     *
     * @throws InvalidArgumentException when {@code topProducts} is outside 0..10,000
     */
    public ViewToPurchase viewToPurchase(DateRange range, int topProducts) {
        Objects.requireNonNull(range, "range");
        if (topProducts != 0) {
            requireLimit(topProducts, "view to purchase products");
        }
        return cached("viewToPurchase", List.of(range, topProducts), () -> {
            List<ViewToPurchase.ProductConversion> all = queries.list("product_view_conversion", Map.of(),
                    dates(range), rs -> new ViewToPurchase.ProductConversion(rs.getString("product_id"),
                            Queries.text(rs, "title"), Queries.count(rs, "view_sessions"),
                            Queries.count(rs, "purchase_sessions")));
            long views = all.stream().mapToLong(ViewToPurchase.ProductConversion::viewSessions).sum();
            long bought = all.stream().mapToLong(ViewToPurchase.ProductConversion::purchaseSessions).sum();
            return new ViewToPurchase(views, bought, all.stream()
                    .sorted(Comparator.comparingLong(ViewToPurchase.ProductConversion::viewSessions).reversed()
                            .thenComparing(ViewToPurchase.ProductConversion::productId))
                    .limit(topProducts).toList());
        });
    }

    /** The funnel's steps over chains starting in the range (semantics: {@link Funnel}). */
    public FunnelResult funnel(Funnel funnel, DateRange range) {
        Objects.requireNonNull(funnel, "funnel");
        Objects.requireNonNull(range, "range");
        return cached("funnel", List.of(funnel, range), () -> {
            FunnelSql.Statement sql = new FunnelSql(funnel, queries.warehouse()).query(range);
            int n = funnel.steps().size();
            Map<FunnelKey, long[]> counts = new HashMap<>();
            Map<FunnelKey, Map<Integer, Percentiles>> times = new HashMap<>();
            queries.listSql("funnel", sql.template(), sql.fragments(), sql.params(), rs -> {
                FunnelKey key = new FunnelKey(rs.getInt("is_total") == 1, rs.getString("grp"));
                int step = rs.getInt("step");
                if (rs.getInt("part") == 0) {
                    counts.computeIfAbsent(key, k -> new long[n])[step - 1] = Queries.count(rs, "n");
                } else {
                    times.computeIfAbsent(key, k -> new HashMap<>())
                            .put(step, new Percentiles(Queries.seconds(rs, "p0"), Queries.seconds(rs, "p1")));
                }
                return key;
            });
            List<FunnelStep> overall = steps(funnel, counts.getOrDefault(new FunnelKey(true, ""), new long[n]),
                    times.getOrDefault(new FunnelKey(true, ""), Map.of()));
            List<FunnelResult.Group> groups = counts.keySet().stream().filter(k -> !k.total())
                    .sorted(Comparator.comparing((FunnelKey k) -> k.group()))
                    .map(k -> new FunnelResult.Group(k.group(), steps(funnel, counts.get(k),
                            times.getOrDefault(k, Map.of()))))
                    .toList();
            return new FunnelResult(funnel, range, overall, groups);
        });
    }

    private record FunnelKey(boolean total, String group) {
    }

    private record Percentiles(Optional<Duration> median, Optional<Duration> p90) {
        static final Percentiles NONE = new Percentiles(Optional.empty(), Optional.empty());
    }

    private static List<FunnelStep> steps(Funnel funnel, long[] counts, Map<Integer, Percentiles> times) {
        List<FunnelStep> out = new ArrayList<>();
        for (int k = 1; k <= counts.length; k++) {
            long c = counts[k - 1];
            long previous = k == 1 ? c : counts[k - 2];
            Percentiles p = times.getOrDefault(k, Percentiles.NONE);
            Optional<Duration> median = k == 1 ? (c > 0 ? Optional.of(Duration.ZERO) : Optional.empty()) : p.median();
            Optional<Duration> p90 = k == 1 ? median : p.p90();
            EventType type = funnel.steps().get(k - 1);
            out.add(new FunnelStep(k, type, c, Money.rate(c, counts[0]), k == 1 ? (c > 0 ? 1.0 : 0.0)
                    : Money.rate(c, previous), previous - c, median, p90));
        }
        return List.copyOf(out);
    }

    // ================================================================================================== sessions

    /** Sessions started in the range: count, duration (total, median, p90), pages and events, bounces. */
    public SessionStats sessions(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("sessions", List.of(range), () -> {
            long[] totals = queries.one("sessions", Map.of(), dates(range), rs -> new long[] {
                    Queries.count(rs, "session_count"), Queries.count(rs, "bounces"), Queries.count(rs, "total_events"),
                    Queries.count(rs, "total_pages"), Queries.count(rs, "total_seconds")});
            String percentiles = queries.warehouse().dialect().percentiles(
                    Queries.template("session_durations"), List.of(), "duration_seconds", 0.5, 0.9);
            List<Percentiles> p = queries.listSql("sessions", percentiles, Map.of(), dates(range),
                    rs -> new Percentiles(Queries.seconds(rs, "p0"), Queries.seconds(rs, "p1")));
            Percentiles durations = p.isEmpty() ? Percentiles.NONE : p.get(0);
            return new SessionStats(totals[0], totals[1], totals[2], totals[3], Duration.ofSeconds(totals[4]),
                    durations.median(), durations.p90());
        });
    }

    // ================================================================================================== operations

    /**
     * Products running low on {@code asOf} by {@code rule}: stock under the threshold, or fewer days of cover than
     * the rule's at the velocity of the rule's window ending on asOf. Fewest days of cover first (products that did
     * not sell last), then least stock, then id.
     */
    public List<LowStockItem> lowStock(LocalDate asOf, LowStockRule rule) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rule, "rule");
        return cached("lowStock", List.of(asOf, rule), () -> queries.list("low_stock", Map.of(), Map.of(
                        "as_of", asOf, "minus_days", -rule.velocityDays(), "stock_below", rule.stockBelow(),
                        "velocity_days", rule.velocityDays(), "cover_below", rule.coverDaysBelow()),
                        rs -> new LowStockItem(rs.getString("product_id"), Queries.text(rs, "product_title"),
                                Queries.text(rs, "product_category"), Queries.count(rs, "stock_level"),
                                Queries.count(rs, "units_sold"), rule.velocityDays()))
                .stream()
                .sorted(Comparator.comparing((LowStockItem i) -> i.daysOfCover().orElse(Double.MAX_VALUE))
                        .thenComparingLong(LowStockItem::stock).thenComparing(LowStockItem::productId))
                .toList());
    }

    /** Days from order to shipping and delivery for the range's orders: mean, median and 90th percentile. */
    public FulfilmentTimes fulfilment(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("fulfilment", List.of(range), () -> {
            Map<String, String> legs = Map.of("legs", Queries.template("fulfilment_legs"));
            record Stat(long n, double sum) {
            }
            Map<String, Stat> stats = new HashMap<>();
            queries.list("fulfilment_stats", legs, dates(range),
                    rs -> stats.put(rs.getString("leg"), new Stat(rs.getLong("n"), rs.getDouble("total_days"))));
            Map<String, double[]> pct = new HashMap<>();
            queries.listSql("fulfilment", queries.warehouse().dialect().percentiles("({{legs}}) legs", List.of("leg"),
                    "days", 0.5, 0.9), legs, dates(range), rs -> pct.put(rs.getString("leg"),
                    new double[] {rs.getDouble("p0"), rs.getDouble("p1")}));
            long orders = queries.one("sales_summary", Map.of(), dates(range), rs -> Queries.count(rs, "total_orders"));
            java.util.function.Function<String, Optional<FulfilmentTimes.Leg>> leg = name -> {
                Stat s = stats.get(name);
                double[] p = pct.get(name);
                return s == null || s.n() == 0 || p == null ? Optional.empty()
                        : Optional.of(new FulfilmentTimes.Leg(s.n(), s.sum() / s.n(), p[0], p[1]));
            };
            return new FulfilmentTimes(orders, leg.apply("order_to_shipped"), leg.apply("shipped_to_delivered"),
                    leg.apply("order_to_delivered"));
        });
    }

    /**
     * Customers and revenue per place at {@code level}: residents (current home address) and the range's orders
     * shipped there; largest revenue first, then most residents, then name.
     */
    public List<GeoSales> geography(DateRange range, GeoLevel level) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(level, "level");
        Map<String, String> fragments = switch (level) {
            case CITY -> Map.of("ship_column", "shipping_city", "home_column", "city");
            case REGION -> Map.of("ship_column", "shipping_state", "home_column", "state");
            case COUNTRY -> Map.of("ship_column", "shipping_country", "home_column", "country");
        };
        return cached("geography", List.of(range, level), () -> queries.list("geography", fragments, dates(range),
                        rs -> new GeoSales(Queries.text(rs, "location"), Queries.count(rs, "total_residents"),
                                Queries.count(rs, "total_buyers"), Queries.count(rs, "total_orders"),
                                Queries.money(rs, "total_gross")))
                .stream()
                .sorted(Comparator.comparing(GeoSales::grossRevenue).reversed()
                        .thenComparing(Comparator.comparingLong(GeoSales::residents).reversed())
                        .thenComparing(GeoSales::location))
                .toList());
    }

    /**
     * Orders of the range per day of week and hour of day (wall-clock time in the reporting zone), Monday 0:00
     * first; hours without orders are left out.
     */
    public List<PeakTime> peakTimes(DateRange range) {
        Objects.requireNonNull(range, "range");
        return cached("peakTimes", List.of(range), () -> queries.list("peak_times", Map.of(), dates(range),
                        rs -> new PeakTime(DayOfWeek.of(rs.getInt("day_of_week")), rs.getInt("hour_of_day"),
                                Queries.count(rs, "order_count"), Queries.money(rs, "total_gross")))
                .stream()
                .sorted(Comparator.comparing(PeakTime::dayOfWeek).thenComparingInt(PeakTime::hour))
                .toList());
    }

    // ================================================================================================== plumbing

    private static Map<String, Object> dates(DateRange range) {
        return Map.of("from", range.from(), "to", range.to());
    }

    private static void requireLimit(int n, String what) {
        if (n < 1 || n > 10_000) {
            throw new InvalidArgumentException("limit", what + ": asked for " + n + " rows; ask for 1..10000");
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String metric, List<Object> arguments, Supplier<T> compute) {
        if (cache.isEmpty()) {
            return compute.get();
        }
        CacheKey key = new CacheKey(metric, arguments, dataVersion());
        return (T) cache.get().get(key, k -> compute.get());
    }

    /** The warehouse's data version, read at most every {@link MetricsOptions#versionCheckEvery()}. */
    private String dataVersion() {
        long now = System.nanoTime();
        long every = options.versionCheckEvery().toNanos();
        if (every > 0 && versionReadAt != Long.MIN_VALUE && now - versionReadAt < every) {
            return version;
        }
        synchronized (versionLock) {
            String v = queries.one("data_version", Map.of(), Map.of(),
                    rs -> rs.getLong("runs") + "|" + rs.getString("last_finished_at"));
            version = v;
            versionReadAt = now;
            return v;
        }
    }

    /** Hits and misses of the cache, for tests. */
    long[] cacheHitsAndMisses() {
        return cache.map(c -> new long[] {c.stats().hitCount(), c.stats().missCount()}).orElse(new long[2]);
    }
}
