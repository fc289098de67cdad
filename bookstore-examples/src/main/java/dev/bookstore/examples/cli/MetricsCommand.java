package dev.bookstore.examples.cli;

import dev.bookstore.metrics.BestsellerRanking;
import dev.bookstore.metrics.CategorySales;
import dev.bookstore.metrics.ChannelPerformance;
import dev.bookstore.metrics.CohortValue;
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
import dev.bookstore.metrics.LowStockItem;
import dev.bookstore.metrics.LowStockRule;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.MetricsOptions;
import dev.bookstore.metrics.MetricsReport;
import dev.bookstore.metrics.PeakTime;
import dev.bookstore.metrics.ProductSales;
import dev.bookstore.metrics.RetentionCohort;
import dev.bookstore.metrics.SalesSummary;
import dev.bookstore.metrics.SearchTerm;
import dev.bookstore.metrics.SessionStats;
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
import java.util.List;
import java.util.Locale;
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
 * geography and peak ordering times — as text or JSON. Presentation only: the options become
 * {@link MetricsReport.Options}, the library composes the {@link MetricsReport}, this class lays it out as text,
 * and {@code --json} prints {@link MetricsReport#toJson()}. Customer-state questions (lapsed, lifetime value, RFM,
 * low stock) are asked as of the range's last day.
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
        MetricsReport.Options options = new MetricsReport.Options(top, grain, rankBy, lapsedDays, funnel, geo,
                new LowStockRule(stockBelow, velocityDays, coverDays));
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            MetricsReport report = Metrics.on(wh, MetricsOptions.defaults().withoutCache())
                    .report(DateRange.of(from, to), options);
            if (json) {
                out.println(report.toJson());
            } else {
                text(report, out);
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

    private static void text(MetricsReport s, PrintWriter out) {
        MetricsReport.Options set = s.options();
        SalesSummary sales = s.sales();
        out.printf(Locale.ROOT, "Metrics for %s to %s (customer state as of %s)%n%n", s.range().from(),
                s.range().to(), s.asOf());
        out.printf(Locale.ROOT, "Revenue   gross %s, net %s (returned %s, cancelled %s)%n", money(sales.grossRevenue()),
                money(sales.netRevenue()), money(sales.returnedAmount()), money(sales.cancelledAmount()));
        out.printf(Locale.ROOT, "Orders    %s from %s customers, %s items; average order value %s%n",
                Units.count(sales.orders()), Units.count(sales.customers()), Units.count(sales.items()),
                sales.averageOrderValue().map(MetricsCommand::money).orElse("-"));
        out.printf(Locale.ROOT, "Buyers    new %s (%s), returning %s (%s), guest orders %s (%s)%n",
                Units.count(s.newVsReturning().newCustomers().customers()), money(s.newVsReturning().newCustomers().grossRevenue()),
                Units.count(s.newVsReturning().returningCustomers().customers()),
                money(s.newVsReturning().returningCustomers().grossRevenue()), Units.count(s.newVsReturning().guests().orders()),
                money(s.newVsReturning().guests().grossRevenue()));
        MetricsReport.Activity st = s.activeCustomers();
        out.printf(Locale.ROOT, "Active    %,.0f a day; rolling 7 days %,.0f, 28 days %,.0f, 30 days %,.0f (averages); "
                        + "stickiness %s%n", st.averageDaily(), st.rollingAverage(7).orElse(0),
                st.rollingAverage(28).orElse(0), st.rollingAverage(30).orElse(0), percent(st.stickiness()));
        out.printf(Locale.ROOT, "Lapsed    %s customers without an order in the %d days to %s%n",
                Units.count(s.lapsedCustomers().count()), set.lapsedDays(), s.asOf());
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
        for (MetricsReport.Period p : s.periods()) {
            periods.row(periodLabel(p.periodStart(), set.grain()), Units.count(p.orders()), money(p.grossRevenue()),
                    money(p.netRevenue()), p.averageOrderValue().map(MetricsCommand::money).orElse("-"),
                    Units.count(p.activeCustomers()));
        }
        periods.print(out);

        section(out, "Top products by " + LowerCaseEnum.name(set.rankBy()));
        TextTable products = new TextTable(">#", "product", "title", "category", ">units", ">orders", ">gross");
        for (ProductSales p : s.topProducts()) {
            products.row(Integer.toString(p.rank()), p.productId(), abbreviate(p.title(), 40), p.category(),
                    Units.count(p.units()), Units.count(p.orders()), money(p.grossRevenue()));
        }
        products.print(out);

        section(out, "Categories");
        categoryTable(s.categories(), false).print(out);
        section(out, "Subcategories");
        categoryTable(s.subcategories(), true).print(out);

        section(out, "Top customers by lifetime value (to " + s.asOf() + ")");
        TextTable customers = new TextTable("customer", "first order", "last order", ">orders", ">gross", ">net");
        for (CustomerValue c : s.topCustomers()) {
            customers.row(c.customerId(), c.firstOrderDate().toString(), c.lastOrderDate().toString(),
                    Units.count(c.orders()), money(c.grossRevenue()), money(c.netRevenue()));
        }
        customers.print(out);

        int width = s.retentionCohorts().stream().mapToInt(c -> c.points().size()).max().orElse(1);
        section(out, "Cohort lifetime value (gross revenue per customer, by months since the first order, up to --to)");
        TextTable values = cohortTable(width);
        for (CohortValue c : s.cohortLifetimeValue()) {
            String[] row = cohortRow(width, c.cohort().toString(), c.customers());
            for (CohortValue.Point p : c.points()) {
                row[p.monthsSince() + 2] = money(p.revenuePerCustomer());
            }
            values.row(row);
        }
        values.print(out);

        section(out, "Retention cohorts (customers ordering again, by months since their first order, up to --to)");
        TextTable cohorts = cohortTable(width);
        for (RetentionCohort c : s.retentionCohorts()) {
            String[] row = cohortRow(width, c.cohort().toString(), c.customers());
            for (RetentionCohort.Point p : c.points()) {
                row[p.monthsSince() + 2] = Units.count(p.activeCustomers()) + " " + percent(p.rate());
            }
            cohorts.row(row);
        }
        cohorts.print(out);

        section(out, "RFM (recency, frequency, monetary quintiles, 5 best; as of " + s.asOf() + ")");
        TextTable rfm = new TextTable("RFM", ">customers", ">gross");
        for (MetricsReport.RfmGroup g : s.rfm().stream().limit(set.top()).toList()) {
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

        section(out, "Low stock on " + s.asOf() + " (under " + set.lowStock().stockBelow() + " units or "
                + set.lowStock().coverDaysBelow() + " days of cover at the last " + set.lowStock().velocityDays()
                + " days' sales): " + Units.count(s.lowStock().count()) + " products");
        TextTable stock = new TextTable("product", "title", ">stock", ">sold", ">days of cover");
        for (LowStockItem i : s.lowStock().first()) {
            stock.row(i.productId(), abbreviate(i.title(), 40), Units.count(i.stock()), Units.count(i.unitsSold()),
                    i.daysOfCover().map(d -> String.format(Locale.ROOT, "%.1f", d)).orElse("-"));
        }
        stock.print(out);

        section(out, "By " + LowerCaseEnum.name(set.geo()));
        TextTable places = new TextTable(LowerCaseEnum.name(set.geo()), ">residents", ">buyers", ">orders", ">gross");
        for (GeoSales g : s.geography()) {
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
}
