package dev.bookstore.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.metrics.ActiveCustomers;
import dev.bookstore.metrics.BestsellerRanking;
import dev.bookstore.metrics.CategorySales;
import dev.bookstore.metrics.ChannelPerformance;
import dev.bookstore.metrics.CohortValue;
import dev.bookstore.metrics.Conversion;
import dev.bookstore.metrics.CustomerValue;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.FulfilmentTimes;
import dev.bookstore.metrics.Funnel;
import dev.bookstore.metrics.FunnelDimension;
import dev.bookstore.metrics.FunnelOrdering;
import dev.bookstore.metrics.FunnelResult;
import dev.bookstore.metrics.FunnelScope;
import dev.bookstore.metrics.FunnelStep;
import dev.bookstore.metrics.GeoLevel;
import dev.bookstore.metrics.GeoSales;
import dev.bookstore.metrics.Granularity;
import dev.bookstore.metrics.LapsedCustomer;
import dev.bookstore.metrics.LowStockItem;
import dev.bookstore.metrics.LowStockRule;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.MetricsOptions;
import dev.bookstore.metrics.NewVsReturning;
import dev.bookstore.metrics.PeakTime;
import dev.bookstore.metrics.ProductSales;
import dev.bookstore.metrics.RetentionCohort;
import dev.bookstore.metrics.RevenuePoint;
import dev.bookstore.metrics.RfmScore;
import dev.bookstore.metrics.SalesSummary;
import dev.bookstore.metrics.SearchTerm;
import dev.bookstore.metrics.SegmentSales;
import dev.bookstore.metrics.SessionStats;
import dev.bookstore.metrics.Stickiness;
import dev.bookstore.metrics.ViewToPurchase;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bookstore metrics}: every business question of {@link Metrics} for a date range — sales by period,
 * products, categories, new vs returning buyers; active customers, lapsed customers, lifetime value, cohorts, RFM;
 * channels, conversion, search terms, product view → purchase; a configurable funnel; sessions; stock, fulfilment,
 * geography and peak ordering times — as text or JSON. Customer-state questions (lapsed, lifetime value, RFM, low
 * stock) are asked as of the range's last day.
 */
@Command(name = "metrics",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Answer the business questions for a date range (days in the reporting zone): sales, customers, "
                + "marketing, a funnel, sessions and operations; lapsed customers, lifetime value, RFM and low stock "
                + "are as of --to.",
            "Example: bookstore metrics --db jdbc:duckdb:./bookstore.duckdb --from 2025-10-01 --to 2025-12-31 "
                + "--grain week --funnel-by channel"})
final class MetricsCommand implements Callable<Integer> {
    /** The default funnel's steps. */
    static final List<EventType> PURCHASE_STEPS = List.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
            EventType.CHECKOUT, EventType.PURCHASE);

    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (inclusive), yyyy-MM-dd.")
    private LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day (inclusive), yyyy-MM-dd.")
    private LocalDate to;

    @Option(names = "--top", defaultValue = "5", paramLabel = "N",
            description = "Rows of each ranked list: products, categories, customers, search terms, places, "
                    + "hours (default ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--grain", defaultValue = "month", converter = GrainConverter.class, paramLabel = "PERIOD",
            description = "Period of the revenue and active-customer table: day, week, month or quarter "
                    + "(default ${DEFAULT-VALUE}).")
    private Granularity grain;

    @Option(names = "--rank-by", defaultValue = "revenue", converter = RankingConverter.class, paramLabel = "MEASURE",
            description = "Rank the top products by revenue or units (default ${DEFAULT-VALUE}).")
    private BestsellerRanking rankBy;

    @Option(names = "--lapsed-days", defaultValue = "60", paramLabel = "N",
            description = "Customers with no order in the N days up to --to are lapsed (default ${DEFAULT-VALUE}).")
    private int lapsedDays;

    @Option(names = "--funnel", defaultValue = "product_view,add_to_cart,checkout,purchase", split = ",",
            converter = EventConverter.class, paramLabel = "EVENT",
            description = "Funnel steps in order, comma-separated event types (default ${DEFAULT-VALUE}).")
    private List<EventType> funnelSteps;

    @Option(names = "--funnel-within", defaultValue = "1d", converter = WindowConverter.class, paramLabel = "TIME",
            description = "Longest time from the first step to the last: 45s, 30m, 2h, 7d (default ${DEFAULT-VALUE}).")
    private Duration funnelWithin;

    @Option(names = "--funnel-ordering", defaultValue = "loose", converter = OrderingConverter.class,
            paramLabel = "MODE", description = "loose, strict or deduplicated (default ${DEFAULT-VALUE}).")
    private FunnelOrdering funnelOrdering;

    @Option(names = "--funnel-scope", defaultValue = "session", converter = ScopeConverter.class, paramLabel = "SCOPE",
            description = "Count sessions or users (default ${DEFAULT-VALUE}).")
    private FunnelScope funnelScope;

    @Option(names = "--funnel-by", converter = DimensionConverter.class, paramLabel = "DIMENSION",
            description = "Break the funnel down by channel, device or category.")
    private FunnelDimension funnelBy;

    @Option(names = "--geo", defaultValue = "country", converter = GeoConverter.class, paramLabel = "LEVEL",
            description = "Customers and revenue per city, region or country (default ${DEFAULT-VALUE}).")
    private GeoLevel geo;

    @Option(names = "--stock-below", defaultValue = "10", paramLabel = "UNITS",
            description = "Low stock: fewer units than this (default ${DEFAULT-VALUE}).")
    private int stockBelow;

    @Option(names = "--cover-days", defaultValue = "14", paramLabel = "DAYS",
            description = "Low stock: fewer days of cover than this (default ${DEFAULT-VALUE}).")
    private int coverDays;

    @Option(names = "--velocity-days", defaultValue = "28", paramLabel = "DAYS",
            description = "Low stock: sales velocity over the DAYS days up to --to (default ${DEFAULT-VALUE}).")
    private int velocityDays;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    /** The options that shape the questions. */
    record Settings(DateRange range, int top, Granularity grain, BestsellerRanking rankBy, int lapsedDays,
                    Funnel funnel, GeoLevel geo, LowStockRule lowStock) {
        LocalDate asOf() {
            return range.to();
        }
    }

    /** Everything the command shows, computed once. */
    record Summary(Settings settings, SalesSummary sales, List<RevenuePoint> periods, List<ActiveCustomers> active,
                   NewVsReturning split, List<ProductSales> products, List<CategorySales> categories,
                   List<CategorySales> subcategories, Stickiness stickiness, Map<Integer, Double> rollingAverages,
                   List<LapsedCustomer> lapsed, List<CustomerValue> lifetimeValues, List<CohortValue> cohortValues,
                   List<RetentionCohort> cohorts, List<RfmScore> rfm, List<ChannelPerformance> channels,
                   Conversion conversion, List<SearchTerm> searchTerms, ViewToPurchase viewToPurchase,
                   FunnelResult funnel, SessionStats sessions, List<LowStockItem> lowStock,
                   FulfilmentTimes fulfilment, List<GeoSales> places, List<PeakTime> peakTimes) {
        static Summary of(Metrics m, Settings s) {
            DateRange r = s.range();
            Map<Integer, Double> rolling = new LinkedHashMap<>();
            for (int w : new int[] {7, 28, 30}) {
                rolling.put(w, m.rollingActiveCustomers(r, w).stream().mapToLong(ActiveCustomers::customers)
                        .average().orElse(0));
            }
            return new Summary(s, m.sales(r), m.revenue(r, s.grain()), m.activeCustomers(r, s.grain()),
                    m.newVsReturning(r), m.bestsellers(r, s.top(), s.rankBy()),
                    m.revenueByCategory(r).stream().limit(s.top()).toList(),
                    m.revenueBySubcategory(r).stream().limit(s.top()).toList(), m.stickiness(r), rolling,
                    m.lapsedCustomers(s.asOf(), s.lapsedDays()), m.lifetimeValues(s.asOf()),
                    m.cohortLifetimeValue(r), m.retention(r), m.rfm(s.asOf()), m.channels(r), m.conversion(r),
                    m.topSearchTerms(r, s.top()), m.viewToPurchase(r, s.top()), m.funnel(s.funnel(), r),
                    m.sessions(r), m.lowStock(s.asOf(), s.lowStock()), m.fulfilment(r), m.geography(r, s.geo()),
                    m.peakTimes(r));
        }

        /** The {@code top} most valuable customers. */
        List<CustomerValue> topCustomers() {
            return lifetimeValues.stream().limit(settings.top()).toList();
        }

        /** RFM codes ("555" ...) with their customers and revenue, most customers first, then by code. */
        List<RfmGroup> rfmGroups() {
            Map<String, List<RfmScore>> byCode = rfm.stream().collect(Collectors.groupingBy(RfmScore::code));
            return byCode.entrySet().stream()
                    .map(e -> new RfmGroup(e.getKey(), e.getValue().size(),
                            e.getValue().stream().map(RfmScore::monetary).reduce(BigDecimal.ZERO, BigDecimal::add)))
                    .sorted(Comparator.comparingLong(RfmGroup::customers).reversed().thenComparing(RfmGroup::code))
                    .toList();
        }

        /** The {@code top} busiest hours, most orders first (then by day and hour). */
        List<PeakTime> busiestHours() {
            return peakTimes.stream().sorted(Comparator.comparingLong(PeakTime::orders).reversed()
                    .thenComparing(PeakTime::dayOfWeek).thenComparingInt(PeakTime::hour))
                    .limit(settings.top()).toList();
        }
    }

    /** Customers sharing one RFM code. */
    record RfmGroup(String code, long customers, BigDecimal grossRevenue) {
    }

    @Override
    public Integer call() {
        if (from.isAfter(to)) {
            throw new ParameterException(spec.commandLine(), "Invalid values: --from " + from + " is after --to " + to
                    + " (both days are inclusive)");
        }
        requireRange("--top", top, 1, 1_000);
        requireRange("--lapsed-days", lapsedDays, 1, 36_600);
        requireRange("--stock-below", stockBelow, 0, Integer.MAX_VALUE);
        requireRange("--cover-days", coverDays, 0, Integer.MAX_VALUE);
        requireRange("--velocity-days", velocityDays, 1, 3_660);
        if (funnelSteps.size() < 2 || funnelSteps.size() > Funnel.MAX_STEPS) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--funnel': "
                    + funnelSteps.size() + " steps; give 2.." + Funnel.MAX_STEPS);
        }
        Funnel funnel = Funnel.of(funnelSteps.get(0), funnelSteps.get(1),
                        funnelSteps.subList(2, funnelSteps.size()).toArray(EventType[]::new))
                .within(funnelWithin).ordering(funnelOrdering).scope(funnelScope);
        if (funnelBy != null) {
            funnel = funnel.by(funnelBy);
        }
        Settings settings = new Settings(DateRange.of(from, to), top, grain, rankBy, lapsedDays, funnel, geo,
                new LowStockRule(stockBelow, velocityDays, coverDays));
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            Summary s = Summary.of(Metrics.on(wh, MetricsOptions.defaults().withoutCache()), settings);
            if (json) {
                out.println(json(s));
            } else {
                text(s, out);
            }
        }
        out.flush();
        return 0;
    }

    private void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + value
                    + " is outside " + min + ".." + (max == Integer.MAX_VALUE ? "" : Integer.toString(max)));
        }
    }

    // ------------------------------------------------------------------ option values

    /** Parses an enum constant by its lower-case name ({@code -} for {@code _}), listing the choices otherwise. */
    abstract static class LowerCaseEnum<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        LowerCaseEnum(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            for (E e : type.getEnumConstants()) {
                if (name(e).equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(LowerCaseEnum::name).collect(Collectors.joining(", ")));
        }

        static String name(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** day, week, month, quarter. */
    static final class GrainConverter extends LowerCaseEnum<Granularity> {
        GrainConverter() {
            super(Granularity.class);
        }
    }

    /** revenue, units. */
    static final class RankingConverter extends LowerCaseEnum<BestsellerRanking> {
        RankingConverter() {
            super(BestsellerRanking.class);
        }
    }

    /** loose, strict, deduplicated. */
    static final class OrderingConverter extends LowerCaseEnum<FunnelOrdering> {
        OrderingConverter() {
            super(FunnelOrdering.class);
        }
    }

    /** user, session. */
    static final class ScopeConverter extends LowerCaseEnum<FunnelScope> {
        ScopeConverter() {
            super(FunnelScope.class);
        }
    }

    /** channel, device, category. */
    static final class DimensionConverter extends LowerCaseEnum<FunnelDimension> {
        DimensionConverter() {
            super(FunnelDimension.class);
        }
    }

    /** city, region, country. */
    static final class GeoConverter extends LowerCaseEnum<GeoLevel> {
        GeoConverter() {
            super(GeoLevel.class);
        }
    }

    /** An event type by its code ({@code product_view}). */
    static final class EventConverter implements ITypeConverter<EventType> {
        @Override
        public EventType convert(String value) {
            return EventType.fromCode(value.trim()).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not an event type; use " + Arrays.stream(EventType.values()).map(EventType::code)
                    .collect(Collectors.joining(", "))));
        }
    }

    /** A time such as {@code 45s}, {@code 30m}, {@code 2h} or {@code 7d}. */
    static final class WindowConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.matches("[1-9][0-9]{0,5}[smhd]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            throw new TypeConversionException("'" + value + "' is not a time such as 45s, 30m, 2h or 7d");
        }
    }

    // ------------------------------------------------------------------ text

    private static void text(Summary s, PrintWriter out) {
        Settings set = s.settings();
        SalesSummary sales = s.sales();
        out.printf(Locale.ROOT, "Metrics for %s to %s (customer state as of %s)%n%n", set.range().from(),
                set.range().to(), set.asOf());
        out.printf(Locale.ROOT, "Revenue   gross %s, net %s (returned %s, cancelled %s)%n", money(sales.grossRevenue()),
                money(sales.netRevenue()), money(sales.returnedAmount()), money(sales.cancelledAmount()));
        out.printf(Locale.ROOT, "Orders    %s from %s customers, %s items; average order value %s%n",
                Units.count(sales.orders()), Units.count(sales.customers()), Units.count(sales.items()),
                sales.averageOrderValue().map(MetricsCommand::money).orElse("-"));
        out.printf(Locale.ROOT, "Buyers    new %s (%s), returning %s (%s), guest orders %s (%s)%n",
                Units.count(s.split().newCustomers().customers()), money(s.split().newCustomers().grossRevenue()),
                Units.count(s.split().returningCustomers().customers()),
                money(s.split().returningCustomers().grossRevenue()), Units.count(s.split().guests().orders()),
                money(s.split().guests().grossRevenue()));
        Stickiness st = s.stickiness();
        out.printf(Locale.ROOT, "Active    %,.0f a day; rolling 7 days %,.0f, 28 days %,.0f, 30 days %,.0f (averages); "
                        + "stickiness %s%n", st.averageDailyActive(), s.rollingAverages().get(7),
                s.rollingAverages().get(28), s.rollingAverages().get(30), percent(st.ratio()));
        out.printf(Locale.ROOT, "Lapsed    %s customers without an order in the %d days to %s%n",
                Units.count(s.lapsed().size()), set.lapsedDays(), set.asOf());
        SessionStats ses = s.sessions();
        out.printf(Locale.ROOT, "Sessions  %s; duration mean %s, median %s, p90 %s; %.1f pages each; bounce rate %s%n",
                Units.count(ses.sessions()), ses.averageDuration().map(Units::duration).orElse("-"),
                ses.medianDuration().map(Units::duration).orElse("-"),
                ses.p90Duration().map(Units::duration).orElse("-"), ses.pagesPerSession(), percent(ses.bounceRate()));
        out.printf(Locale.ROOT, "Converts  %s of %s sessions with a purchase (%s); product view %s purchase %s of %s "
                        + "(%s)%n", Units.count(s.conversion().purchasingSessions()),
                Units.count(s.conversion().sessions()), percent(s.conversion().rate()), Units.ARROW,
                Units.count(s.viewToPurchase().purchaseSessions()), Units.count(s.viewToPurchase().viewSessions()),
                percent(s.viewToPurchase().rate()));
        FulfilmentTimes f = s.fulfilment();
        out.printf(Locale.ROOT, "Shipping  order %s shipped %s, shipped %s delivered %s, order %s delivered %s "
                        + "(days, median / p90)%n", Units.ARROW, leg(f.orderToShipped()), Units.ARROW,
                leg(f.shippedToDelivered()), Units.ARROW, leg(f.orderToDelivered()));

        String period = LowerCaseEnum.name(set.grain());
        section(out, "By " + period);
        TextTable periods = new TextTable(period, ">orders", ">gross", ">net", ">AOV", ">active customers");
        for (RevenuePoint p : s.periods()) {
            String active = s.active().stream().filter(a -> a.periodStart().equals(p.periodStart()))
                    .map(a -> Units.count(a.customers())).findFirst().orElse("0");
            periods.row(periodLabel(p.periodStart(), set.grain()), Units.count(p.orders()), money(p.grossRevenue()),
                    money(p.netRevenue()), p.averageOrderValue().map(MetricsCommand::money).orElse("-"), active);
        }
        periods.print(out);

        section(out, "Top products by " + LowerCaseEnum.name(set.rankBy()));
        TextTable products = new TextTable(">#", "product", "title", "category", ">units", ">orders", ">gross");
        for (ProductSales p : s.products()) {
            products.row(Integer.toString(p.rank()), p.productId(), abbreviate(p.title(), 40), p.category(),
                    Units.count(p.units()), Units.count(p.orders()), money(p.grossRevenue()));
        }
        products.print(out);

        section(out, "Categories");
        categoryTable(s.categories(), false).print(out);
        section(out, "Subcategories");
        categoryTable(s.subcategories(), true).print(out);

        section(out, "Top customers by lifetime value (to " + set.asOf() + ")");
        TextTable customers = new TextTable("customer", "first order", "last order", ">orders", ">gross", ">net");
        for (CustomerValue c : s.topCustomers()) {
            customers.row(c.customerId(), c.firstOrderDate().toString(), c.lastOrderDate().toString(),
                    Units.count(c.orders()), money(c.grossRevenue()), money(c.netRevenue()));
        }
        customers.print(out);

        int width = s.cohorts().stream().mapToInt(c -> c.points().size()).max().orElse(1);
        section(out, "Cohort lifetime value (gross revenue per customer, by months since the first order)");
        TextTable values = cohortTable(width);
        for (CohortValue c : s.cohortValues()) {
            String[] row = cohortRow(width, c.cohort().toString(), c.customers());
            for (CohortValue.Point p : c.points()) {
                row[p.monthsSince() + 2] = money(p.revenuePerCustomer());
            }
            values.row(row);
        }
        values.print(out);

        section(out, "Retention cohorts (customers ordering again, by months since their first order)");
        TextTable cohorts = cohortTable(width);
        for (RetentionCohort c : s.cohorts()) {
            String[] row = cohortRow(width, c.cohort().toString(), c.customers());
            for (RetentionCohort.Point p : c.points()) {
                row[p.monthsSince() + 2] = Units.count(p.activeCustomers()) + " " + percent(p.rate());
            }
            cohorts.row(row);
        }
        cohorts.print(out);

        section(out, "RFM (recency, frequency, monetary quintiles, 5 best; as of " + set.asOf() + ")");
        TextTable rfm = new TextTable("RFM", ">customers", ">gross");
        for (RfmGroup g : s.rfmGroups().stream().limit(set.top()).toList()) {
            rfm.row(g.code(), Units.count(g.customers()), money(g.grossRevenue()));
        }
        rfm.print(out);

        section(out, "Channels");
        TextTable channels = new TextTable("channel", ">orders", ">gross", ">sessions", ">conversion");
        for (ChannelPerformance c : s.channels()) {
            channels.row(c.channel(), Units.count(c.orders()), money(c.grossRevenue()), Units.count(c.sessions()),
                    percent(c.conversionRate()));
        }
        channels.print(out);

        section(out, "Top search terms");
        TextTable terms = new TextTable("term", ">searches", ">sessions", ">purchase rate");
        for (SearchTerm t : s.searchTerms()) {
            terms.row(abbreviate(t.term(), 40), Units.count(t.searches()), Units.count(t.sessions()),
                    percent(t.purchaseRate()));
        }
        terms.print(out);

        section(out, "Most viewed products (sessions viewing " + Units.ARROW + " buying)");
        TextTable viewed = new TextTable("product", "title", ">viewed", ">bought", ">rate");
        for (ViewToPurchase.ProductConversion p : s.viewToPurchase().products()) {
            viewed.row(p.productId(), abbreviate(p.title(), 40), Units.count(p.viewSessions()),
                    Units.count(p.purchaseSessions()), percent(p.rate()));
        }
        viewed.print(out);

        section(out, "Funnel (" + s.funnel().funnel() + ")");
        funnelTable(s.funnel().steps()).print(out);
        if (!s.funnel().groups().isEmpty()) {
            section(out, "Funnel by " + s.funnel().funnel().breakdown().map(LowerCaseEnum::name).orElse(""));
            TextTable groups = new TextTable("group", "step", ">count", ">of start", ">of previous", ">drop-off",
                    ">median time", ">p90 time");
            for (FunnelResult.Group g : s.funnel().groups()) {
                for (FunnelStep step : g.steps()) {
                    groups.row(g.value(), step.number() + " " + step.event().code(), Units.count(step.count()),
                            percent(step.conversionFromStart()), percent(step.conversionFromPrevious()),
                            Units.count(step.dropOff()), time(step.medianTimeFromStart()),
                            time(step.p90TimeFromStart()));
                }
            }
            groups.print(out);
        }

        section(out, "Low stock on " + set.asOf() + " (under " + set.lowStock().stockBelow() + " units or "
                + set.lowStock().coverDaysBelow() + " days of cover at the last " + set.lowStock().velocityDays()
                + " days' sales): " + Units.count(s.lowStock().size()) + " products");
        TextTable stock = new TextTable("product", "title", ">stock", ">sold", ">days of cover");
        for (LowStockItem i : s.lowStock().stream().limit(set.top()).toList()) {
            stock.row(i.productId(), abbreviate(i.title(), 40), Units.count(i.stock()), Units.count(i.unitsSold()),
                    i.daysOfCover().map(d -> String.format(Locale.ROOT, "%.1f", d)).orElse("-"));
        }
        stock.print(out);

        section(out, "By " + LowerCaseEnum.name(set.geo()));
        TextTable places = new TextTable(LowerCaseEnum.name(set.geo()), ">residents", ">buyers", ">orders", ">gross");
        for (GeoSales g : s.places().stream().limit(set.top()).toList()) {
            places.row(g.location(), Units.count(g.residents()), Units.count(g.buyingCustomers()),
                    Units.count(g.orders()), money(g.grossRevenue()));
        }
        places.print(out);

        section(out, "Peak ordering times (reporting zone)");
        TextTable peaks = new TextTable("day", ">hour", ">orders", ">gross");
        for (PeakTime p : s.busiestHours()) {
            peaks.row(p.dayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT), String.format(Locale.ROOT,
                    "%02d:00", p.hour()), Units.count(p.orders()), money(p.grossRevenue()));
        }
        peaks.print(out);
    }

    private static TextTable categoryTable(List<CategorySales> rows, boolean sub) {
        TextTable t = sub ? new TextTable("category", "subcategory", ">orders", ">units", ">gross", ">net", ">share")
                : new TextTable("category", ">orders", ">units", ">gross", ">net", ">share");
        for (CategorySales c : rows) {
            List<String> cells = new ArrayList<>(List.of(c.category()));
            if (sub) {
                cells.add(c.subcategory());
            }
            cells.addAll(List.of(Units.count(c.orders()), Units.count(c.units()), money(c.grossRevenue()),
                    money(c.netRevenue()), percent(c.share())));
            t.row(cells.toArray(String[]::new));
        }
        return t;
    }

    private static TextTable funnelTable(List<FunnelStep> steps) {
        TextTable t = new TextTable("step", ">count", ">of start", ">of previous", ">drop-off", ">median time",
                ">p90 time");
        for (FunnelStep step : steps) {
            t.row(step.number() + " " + step.event().code(), Units.count(step.count()),
                    percent(step.conversionFromStart()), percent(step.conversionFromPrevious()),
                    Units.count(step.dropOff()), time(step.medianTimeFromStart()), time(step.p90TimeFromStart()));
        }
        return t;
    }

    private static TextTable cohortTable(int width) {
        String[] titles = new String[width + 2];
        titles[0] = "cohort";
        titles[1] = ">customers";
        for (int k = 0; k < width; k++) {
            titles[k + 2] = ">+" + k;
        }
        return new TextTable(titles);
    }

    private static String[] cohortRow(int width, String cohort, long customers) {
        String[] row = new String[width + 2];
        row[0] = cohort;
        row[1] = Units.count(customers);
        return row;
    }

    private static String periodLabel(LocalDate start, Granularity grain) {
        return switch (grain) {
            case DAY, WEEK -> start.toString();
            case MONTH -> start.toString().substring(0, 7);
            case QUARTER -> start.getYear() + "-Q" + (1 + (start.getMonthValue() - 1) / 3);
        };
    }

    private static String leg(Optional<FulfilmentTimes.Leg> leg) {
        return leg.map(l -> String.format(Locale.ROOT, "%.1f / %.1f", l.medianDays(), l.p90Days())).orElse("-");
    }

    private static String time(Optional<Duration> d) {
        return d.map(Units::duration).orElse("-");
    }

    private static void section(PrintWriter out, String title) {
        out.println();
        out.println(title);
    }

    private static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ------------------------------------------------------------------ JSON

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Everything as JSON: money as exact decimal numbers, days as yyyy-MM-dd, durations in seconds, rates as
     * fractions; ranked lists cut at {@code --top}, lapsed customers and low stock as counts plus the first rows.
     */
    static String json(Summary s) {
        Settings set = s.settings();
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("range").put("from", set.range().from().toString()).put("to", set.range().to().toString())
                .put("asOf", set.asOf().toString());
        SalesSummary sales = s.sales();
        ObjectNode o = root.putObject("sales");
        o.put("orders", sales.orders()).put("customers", sales.customers()).put("items", sales.items())
                .put("grossRevenue", sales.grossRevenue()).put("returnedAmount", sales.returnedAmount())
                .put("cancelledAmount", sales.cancelledAmount()).put("netRevenue", sales.netRevenue());
        sales.averageOrderValue().ifPresent(a -> o.put("averageOrderValue", a));
        ObjectNode split = root.putObject("newVsReturning");
        segment(split.putObject("new"), s.split().newCustomers());
        segment(split.putObject("returning"), s.split().returningCustomers());
        segment(split.putObject("guests"), s.split().guests());
        root.put("grain", LowerCaseEnum.name(set.grain()));
        ArrayNode periods = root.putArray("periods");
        for (RevenuePoint p : s.periods()) {
            ObjectNode n = periods.addObject().put("periodStart", p.periodStart().toString())
                    .put("orders", p.orders()).put("grossRevenue", p.grossRevenue()).put("netRevenue", p.netRevenue());
            p.averageOrderValue().ifPresent(a -> n.put("averageOrderValue", a));
            n.put("activeCustomers", s.active().stream().filter(a -> a.periodStart().equals(p.periodStart()))
                    .mapToLong(ActiveCustomers::customers).findFirst().orElse(0));
        }
        ObjectNode active = root.putObject("activeCustomers").put("averageDaily", s.stickiness().averageDailyActive())
                .put("stickiness", s.stickiness().ratio());
        s.rollingAverages().forEach((w, avg) -> active.put("averageRolling" + w + "Days", avg));
        ArrayNode products = root.putArray("topProducts");
        for (ProductSales p : s.products()) {
            products.addObject().put("rank", p.rank()).put("productId", p.productId()).put("title", p.title())
                    .put("category", p.category()).put("units", p.units()).put("orders", p.orders())
                    .put("grossRevenue", p.grossRevenue());
        }
        root.put("topProductsRankedBy", LowerCaseEnum.name(set.rankBy()));
        categories(root.putArray("categories"), s.categories(), false);
        categories(root.putArray("subcategories"), s.subcategories(), true);
        ObjectNode lapsed = root.putObject("lapsedCustomers").put("days", set.lapsedDays())
                .put("customers", s.lapsed().size());
        ArrayNode lapsedRows = lapsed.putArray("first");
        for (LapsedCustomer c : s.lapsed().stream().limit(set.top()).toList()) {
            ObjectNode n = lapsedRows.addObject().put("customerId", c.customerId()).put("orders", c.orders());
            c.lastOrderDate().ifPresent(d -> n.put("lastOrderDate", d.toString()));
        }
        ArrayNode ltv = root.putArray("topCustomers");
        for (CustomerValue c : s.topCustomers()) {
            ltv.addObject().put("customerId", c.customerId()).put("firstOrderDate", c.firstOrderDate().toString())
                    .put("lastOrderDate", c.lastOrderDate().toString()).put("orders", c.orders())
                    .put("grossRevenue", c.grossRevenue()).put("netRevenue", c.netRevenue());
        }
        ArrayNode cohortValues = root.putArray("cohortLifetimeValue");
        for (CohortValue c : s.cohortValues()) {
            ArrayNode points = cohortValues.addObject().put("cohort", c.cohort().toString())
                    .put("customers", c.customers()).putArray("months");
            for (CohortValue.Point p : c.points()) {
                points.addObject().put("monthsSince", p.monthsSince())
                        .put("cumulativeGrossRevenue", p.cumulativeGrossRevenue())
                        .put("revenuePerCustomer", p.revenuePerCustomer());
            }
        }
        ArrayNode cohorts = root.putArray("retentionCohorts");
        for (RetentionCohort c : s.cohorts()) {
            ArrayNode rates = cohorts.addObject().put("cohort", c.cohort().toString()).put("customers", c.customers())
                    .putArray("months");
            for (RetentionCohort.Point p : c.points()) {
                rates.addObject().put("monthsSince", p.monthsSince()).put("activeCustomers", p.activeCustomers())
                        .put("rate", p.rate());
            }
        }
        ArrayNode rfm = root.putArray("rfm");
        for (RfmGroup g : s.rfmGroups()) {
            rfm.addObject().put("code", g.code()).put("customers", g.customers()).put("grossRevenue", g.grossRevenue());
        }
        ArrayNode channels = root.putArray("channels");
        for (ChannelPerformance c : s.channels()) {
            channels.addObject().put("channel", c.channel()).put("orders", c.orders())
                    .put("grossRevenue", c.grossRevenue()).put("netRevenue", c.netRevenue())
                    .put("sessions", c.sessions()).put("purchasingSessions", c.purchasingSessions())
                    .put("conversionRate", c.conversionRate());
        }
        root.putObject("conversion").put("sessions", s.conversion().sessions())
                .put("purchasingSessions", s.conversion().purchasingSessions()).put("rate", s.conversion().rate());
        ArrayNode terms = root.putArray("searchTerms");
        for (SearchTerm t : s.searchTerms()) {
            terms.addObject().put("term", t.term()).put("searches", t.searches()).put("sessions", t.sessions())
                    .put("purchasingSessions", t.purchasingSessions()).put("purchaseRate", t.purchaseRate());
        }
        ObjectNode views = root.putObject("viewToPurchase").put("viewSessions", s.viewToPurchase().viewSessions())
                .put("purchaseSessions", s.viewToPurchase().purchaseSessions()).put("rate", s.viewToPurchase().rate());
        ArrayNode viewed = views.putArray("mostViewed");
        for (ViewToPurchase.ProductConversion p : s.viewToPurchase().products()) {
            viewed.addObject().put("productId", p.productId()).put("title", p.title())
                    .put("viewSessions", p.viewSessions()).put("purchaseSessions", p.purchaseSessions())
                    .put("rate", p.rate());
        }
        ObjectNode funnel = root.putObject("funnel").put("definition", s.funnel().funnel().toString());
        steps(funnel.putArray("steps"), s.funnel().steps());
        if (!s.funnel().groups().isEmpty()) {
            funnel.put("breakdown", s.funnel().funnel().breakdown().map(LowerCaseEnum::name).orElse(""));
            ArrayNode groups = funnel.putArray("groups");
            for (FunnelResult.Group g : s.funnel().groups()) {
                steps(groups.addObject().put("value", g.value()).putArray("steps"), g.steps());
            }
        }
        SessionStats ses = s.sessions();
        ObjectNode sessions = root.putObject("sessions").put("sessions", ses.sessions())
                .put("bouncedSessions", ses.bouncedSessions()).put("bounceRate", ses.bounceRate())
                .put("pagesPerSession", ses.pagesPerSession()).put("eventsPerSession", ses.eventsPerSession());
        seconds(sessions, "averageDurationSeconds", ses.averageDuration());
        seconds(sessions, "medianDurationSeconds", ses.medianDuration());
        seconds(sessions, "p90DurationSeconds", ses.p90Duration());
        ObjectNode stock = root.putObject("lowStock").put("stockBelow", set.lowStock().stockBelow())
                .put("coverDaysBelow", set.lowStock().coverDaysBelow())
                .put("velocityDays", set.lowStock().velocityDays()).put("products", s.lowStock().size());
        ArrayNode stockRows = stock.putArray("first");
        for (LowStockItem i : s.lowStock().stream().limit(set.top()).toList()) {
            ObjectNode n = stockRows.addObject().put("productId", i.productId()).put("title", i.title())
                    .put("stock", i.stock()).put("unitsSold", i.unitsSold());
            i.daysOfCover().ifPresent(d -> n.put("daysOfCover", d));
        }
        FulfilmentTimes f = s.fulfilment();
        ObjectNode ful = root.putObject("fulfilment").put("orders", f.orders());
        leg(ful, "orderToShipped", f.orderToShipped());
        leg(ful, "shippedToDelivered", f.shippedToDelivered());
        leg(ful, "orderToDelivered", f.orderToDelivered());
        root.put("geographyLevel", LowerCaseEnum.name(set.geo()));
        ArrayNode places = root.putArray("geography");
        for (GeoSales g : s.places().stream().limit(set.top()).toList()) {
            places.addObject().put("location", g.location()).put("residents", g.residents())
                    .put("buyingCustomers", g.buyingCustomers()).put("orders", g.orders())
                    .put("grossRevenue", g.grossRevenue());
        }
        ArrayNode peaks = root.putArray("peakTimes");
        for (PeakTime p : s.peakTimes()) {
            peaks.addObject().put("dayOfWeek", p.dayOfWeek().toString()).put("hour", p.hour())
                    .put("orders", p.orders()).put("grossRevenue", p.grossRevenue());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the metrics as JSON", e);
        }
    }

    private static void categories(ArrayNode array, List<CategorySales> rows, boolean sub) {
        for (CategorySales c : rows) {
            ObjectNode n = array.addObject().put("category", c.category());
            if (sub) {
                n.put("subcategory", c.subcategory());
            }
            n.put("orders", c.orders()).put("units", c.units()).put("grossRevenue", c.grossRevenue())
                    .put("netRevenue", c.netRevenue()).put("share", c.share());
        }
    }

    private static void steps(ArrayNode array, List<FunnelStep> steps) {
        for (FunnelStep step : steps) {
            ObjectNode n = array.addObject().put("step", step.number()).put("event", step.event().code())
                    .put("count", step.count()).put("conversionFromStart", step.conversionFromStart())
                    .put("conversionFromPrevious", step.conversionFromPrevious()).put("dropOff", step.dropOff());
            seconds(n, "medianSecondsFromStart", step.medianTimeFromStart());
            seconds(n, "p90SecondsFromStart", step.p90TimeFromStart());
        }
    }

    private static void leg(ObjectNode node, String field, Optional<FulfilmentTimes.Leg> leg) {
        leg.ifPresent(l -> node.putObject(field).put("orders", l.orders()).put("averageDays", l.averageDays())
                .put("medianDays", l.medianDays()).put("p90Days", l.p90Days()));
    }

    private static void segment(ObjectNode node, SegmentSales s) {
        node.put("customers", s.customers()).put("orders", s.orders()).put("grossRevenue", s.grossRevenue())
                .put("netRevenue", s.netRevenue());
    }

    private static void seconds(ObjectNode node, String field, Optional<Duration> d) {
        d.ifPresent(v -> node.put(field, v.toMillis() / 1000.0));
    }
}
