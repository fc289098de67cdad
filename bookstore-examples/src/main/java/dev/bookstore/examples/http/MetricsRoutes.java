package dev.bookstore.examples.http;

import dev.bookstore.metrics.BestsellerRanking;
import dev.bookstore.metrics.CategorySales;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.Funnel;
import dev.bookstore.metrics.FunnelDimension;
import dev.bookstore.metrics.FunnelOrdering;
import dev.bookstore.metrics.FunnelScope;
import dev.bookstore.metrics.GeoLevel;
import dev.bookstore.metrics.Granularity;
import dev.bookstore.metrics.LowStockRule;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.ProductSales;
import dev.bookstore.model.EventType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /metrics/<question>}: every business question of {@link Metrics}, one route each, its arguments as
 * query parameters; the answer is the library's result record as JSON. Long lists (lapsed customers, lifetime
 * values, RFM, low stock) are cut to {@code top} rows and answered as {@code {"total": n, "rows": [...]}}.
 */
final class MetricsRoutes implements Route.Set {
    /** The longest range a question may span, in days. */
    static final int MAX_DAYS = 3_660;

    static final Param<LocalDate> FROM = Param.date("from", "first day of the range (inclusive), yyyy-MM-dd");
    static final Param<LocalDate> TO = Param.date("to", "last day of the range (inclusive), yyyy-MM-dd");
    static final Param<LocalDate> AS_OF = Param.date("as_of", "the day the customers' or stock's state is read at");
    static final Param<Granularity> GRAIN = Param.choice("grain", Granularity.class, Granularity.MONTH,
            "period of each point");
    static final Param<Integer> TOP = Param.integer("top", 1, 10_000, 10, "rows of the ranked list");
    static final Param<Integer> ROWS = Param.integer("top", 1, 10_000, 100, "rows of the list to return");
    static final Param<BestsellerRanking> RANK_BY = Param.choice("rank_by", BestsellerRanking.class,
            BestsellerRanking.REVENUE, "rank products by revenue or units");
    static final Param<String> CATEGORY = Param.text("category", "only this category (drill-down)");
    static final Param<String> SUBCATEGORY = Param.text("subcategory",
            "only this subcategory of the category (drill-down; needs category)");
    static final Param<Integer> WINDOW_DAYS = Param.integer("window", 1, 366, 7, "rolling window in days");
    static final Param<Integer> LAPSED_DAYS = Param.integer("days", 1, 36_600, 60,
            "lapsed: no order in this many days up to as_of");
    static final Param<Integer> VIEWED = Param.integer("top", 0, 10_000, 10, "most viewed products to list");
    static final Param<List<EventType>> STEPS = Param.events("steps", 2, Funnel.MAX_STEPS,
            "product_view,add_to_cart,checkout,purchase", "funnel steps in order");
    static final Param<java.time.Duration> WITHIN = Param.window("within", "1d",
            "longest time from the first step to the last");
    static final Param<FunnelOrdering> ORDERING = Param.choice("ordering", FunnelOrdering.class,
            FunnelOrdering.LOOSE, "how steps may interleave");
    static final Param<FunnelScope> SCOPE = Param.choice("scope", FunnelScope.class, FunnelScope.SESSION,
            "count sessions or users");
    static final Param<FunnelDimension> BY = Param.choice("by", FunnelDimension.class, null,
            "break the funnel down by this dimension");
    static final Param<GeoLevel> LEVEL = Param.choice("level", GeoLevel.class, GeoLevel.COUNTRY,
            "places at this level");
    static final Param<Integer> STOCK_BELOW = Param.integer("stock_below", 0, 1_000_000, 10,
            "low stock: fewer units than this");
    static final Param<Integer> COVER_DAYS = Param.integer("cover_days", 0, 3_660, 14,
            "low stock: fewer days of cover than this");
    static final Param<Integer> VELOCITY_DAYS = Param.integer("velocity_days", 1, 3_660, 28,
            "low stock: sales velocity over this many days up to as_of");

    private static final List<Param<?>> RANGE = List.of(FROM, TO);

    private final Metrics metrics;

    MetricsRoutes(Backend backend) {
        this.metrics = backend.metrics();
    }

    /** The range of {@code from} and {@code to}, checked. */
    static DateRange range(Call c) {
        LocalDate from = c.get(FROM);
        LocalDate to = c.get(TO);
        if (from.isAfter(to)) {
            throw new ApiError.BadRequest("from", "from " + from + " is after to " + to, "from <= to (both inclusive)");
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new ApiError.BadRequest("to", "the range spans more than " + MAX_DAYS + " days",
                    "at most " + MAX_DAYS + " days from 'from'");
        }
        return DateRange.of(from, to);
    }

    /** A list cut to {@code top} rows, with its full size. */
    record Page<T>(int total, List<T> rows) {
        static <T> Page<T> of(List<T> all, int top) {
            return new Page<>(all.size(), all.stream().limit(top).toList());
        }
    }

    private static Route question(String name, String summary, List<Param<?>> params, Route.Handler handler) {
        return Route.get("/metrics/" + name, "metrics", summary, params, handler);
    }

    private static List<Param<?>> range(Param<?>... more) {
        List<Param<?>> all = new ArrayList<>(RANGE);
        all.addAll(List.of(more));
        return all;
    }

    @Override
    public List<Route> routes() {
        Metrics m = metrics;
        return List.of(
                question("sales", "sales totals: orders, customers, units, gross, returned, cancelled and net revenue",
                        RANGE, c -> m.sales(range(c))),
                question("revenue", "revenue and orders per period", range(GRAIN),
                        c -> m.revenue(range(c), c.get(GRAIN))),
                question("average-order-value", "gross revenue / orders, to the penny", RANGE,
                        c -> Map.of("range", range(c), "average_order_value",
                                m.averageOrderValue(range(c)))),
                question("bestsellers", "the top products by revenue or units", range(TOP, RANK_BY, CATEGORY,
                        SUBCATEGORY),
                        c -> bestsellers(m, c)),
                question("categories", "revenue per category, largest first", range(TOP),
                        c -> m.revenueByCategory(range(c)).stream().limit(c.get(TOP)).toList()),
                question("subcategories", "revenue per category and subcategory, largest first",
                        range(TOP, CATEGORY), c -> filter(m.revenueBySubcategory(range(c)), c.optional(CATEGORY),
                                CategorySales::category).stream().limit(c.get(TOP)).toList()),
                question("new-vs-returning", "orders of new customers, returning customers and guests", RANGE,
                        c -> m.newVsReturning(range(c))),
                question("active-customers", "active customers per period (DAU: day, WAU: week, MAU: month)",
                        range(GRAIN), c -> m.activeCustomers(range(c), c.get(GRAIN))),
                question("rolling-active-customers", "active customers in the rolling window ending on each day",
                        range(WINDOW_DAYS), c -> m.rollingActiveCustomers(range(c), c.get(WINDOW_DAYS))),
                question("stickiness", "average DAU / average rolling 30-day actives", RANGE,
                        c -> m.stickiness(range(c))),
                question("lapsed-customers", "customers without an order in the last days up to as_of",
                        List.of(AS_OF, LAPSED_DAYS, ROWS),
                        c -> Page.of(m.lapsedCustomers(c.get(AS_OF), c.get(LAPSED_DAYS)), c.get(ROWS))),
                question("lifetime-values", "customers by lifetime value up to as_of, most valuable first",
                        List.of(AS_OF, ROWS),
                        c -> Page.of(m.lifetimeValues(c.get(AS_OF)), c.get(ROWS))),
                question("cohort-lifetime-value", "cumulative revenue per customer of monthly cohorts", RANGE,
                        c -> m.cohortLifetimeValue(range(c))),
                question("retention", "monthly cohorts' retention", RANGE, c -> m.retention(range(c))),
                question("rfm", "recency, frequency, monetary scores as of a day", List.of(AS_OF, ROWS),
                        c -> Page.of(m.rfm(c.get(AS_OF)), c.get(ROWS))),
                question("channels", "orders, revenue, sessions and conversion per marketing channel", RANGE,
                        c -> m.channels(range(c))),
                question("conversion", "sessions with a purchase / sessions", RANGE, c -> m.conversion(range(c))),
                question("search-terms", "the most searched terms with their purchase rates", range(TOP),
                        c -> m.topSearchTerms(range(c), c.get(TOP))),
                question("view-to-purchase", "product view to purchase conversion, most viewed products",
                        range(VIEWED), c -> m.viewToPurchase(range(c), c.get(VIEWED))),
                question("funnel", "a configurable funnel with drop-off per step and optional breakdown",
                        range(STEPS, WITHIN, ORDERING, SCOPE, BY), c -> m.funnel(funnel(c), range(c))),
                question("sessions", "sessions: count, duration, pages, bounces", RANGE, c -> m.sessions(range(c))),
                question("low-stock", "products running low as of a day", List.of(AS_OF, STOCK_BELOW, COVER_DAYS,
                        VELOCITY_DAYS, ROWS), c -> Page.of(m.lowStock(c.get(AS_OF),
                        new LowStockRule(c.get(STOCK_BELOW), c.get(VELOCITY_DAYS), c.get(COVER_DAYS))), c.get(ROWS))),
                question("fulfilment", "days from order to shipping and delivery", RANGE, c -> m.fulfilment(range(c))),
                question("geography", "customers and revenue per place", range(LEVEL),
                        c -> m.geography(range(c), c.get(LEVEL))),
                question("peak-times", "orders per day of week and hour", RANGE, c -> m.peakTimes(range(c))));
    }

    private static List<ProductSales> bestsellers(Metrics m, Call c) {
        DateRange r = range(c);
        Optional<String> category = c.optional(CATEGORY);
        Optional<String> subcategory = c.optional(SUBCATEGORY);
        if (subcategory.isPresent() && category.isEmpty()) {
            throw new ApiError.BadRequest(SUBCATEGORY.name(), "subcategory needs its category",
                    "category=NAME&subcategory=NAME");
        }
        int top = c.get(TOP);
        // drill-down: the category's (subcategory's) top products out of every ranked product (the library ranks
        // all of them)
        return category.isEmpty() ? m.bestsellers(r, top, c.get(RANK_BY))
                : filter(filter(m.bestsellers(r, 10_000, c.get(RANK_BY)), category, ProductSales::category),
                        subcategory, ProductSales::subcategory).stream().limit(top).toList();
    }

    private static <T> List<T> filter(List<T> rows, Optional<String> value, Function<T, String> field) {
        return value.map(v -> rows.stream().filter(r -> field.apply(r).equals(v)).toList()).orElse(rows);
    }

    static Funnel funnel(Call c) {
        List<EventType> steps = c.get(STEPS);
        Funnel f = Funnel.of(steps.get(0), steps.get(1), steps.subList(2, steps.size()).toArray(EventType[]::new))
                .within(c.get(WITHIN)).ordering(c.get(ORDERING)).scope(c.get(SCOPE));
        return c.optional(BY).map(f::by).orElse(f);
    }
}
