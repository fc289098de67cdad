package dev.bookstore.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.metrics.ActiveCustomers;
import dev.bookstore.metrics.BestsellerRanking;
import dev.bookstore.metrics.CategorySales;
import dev.bookstore.metrics.ChannelPerformance;
import dev.bookstore.metrics.Conversion;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.Funnel;
import dev.bookstore.metrics.FunnelResult;
import dev.bookstore.metrics.FunnelScope;
import dev.bookstore.metrics.FunnelStep;
import dev.bookstore.metrics.Granularity;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.MetricsOptions;
import dev.bookstore.metrics.NewVsReturning;
import dev.bookstore.metrics.ProductSales;
import dev.bookstore.metrics.RetentionCohort;
import dev.bookstore.metrics.RevenuePoint;
import dev.bookstore.metrics.SalesSummary;
import dev.bookstore.metrics.SegmentSales;
import dev.bookstore.metrics.SessionStats;
import dev.bookstore.metrics.Stickiness;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bookstore metrics}: the business summary of a date range — revenue, orders, AOV, active customers, top
 * products, categories, the purchase funnel, channels, sessions and retention cohorts — as text or JSON.
 */
@Command(name = "metrics",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Summarise a date range: revenue, orders, AOV, active customers, top products, categories,",
            "the purchase funnel, channels, sessions and retention cohorts (days in the reporting zone).",
            "Example: bookstore metrics --db jdbc:duckdb:./bookstore.duckdb --from 2025-10-01 --to 2025-12-31"})
final class MetricsCommand implements Callable<Integer> {
    /** The funnel the summary shows: per session, within a day. */
    static final Funnel PURCHASE_FUNNEL = Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
            EventType.CHECKOUT, EventType.PURCHASE).scope(FunnelScope.SESSION);

    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (inclusive), yyyy-MM-dd.")
    private LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day (inclusive), yyyy-MM-dd.")
    private LocalDate to;

    @Option(names = "--top", defaultValue = "5", paramLabel = "N",
            description = "Products, categories and search terms to list (default ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    /** Everything the summary shows, computed once. */
    private record Summary(DateRange range, SalesSummary sales, List<RevenuePoint> months, NewVsReturning split,
                           List<ActiveCustomers> monthlyActive, Stickiness stickiness, List<ProductSales> products,
                           List<CategorySales> categories, FunnelResult funnel, List<ChannelPerformance> channels,
                           Conversion conversion, SessionStats sessions, List<RetentionCohort> cohorts) {
        static Summary of(Metrics m, DateRange r, int top) {
            return new Summary(r, m.sales(r), m.revenue(r, Granularity.MONTH), m.newVsReturning(r),
                    m.activeCustomers(r, Granularity.MONTH), m.stickiness(r),
                    m.bestsellers(r, top, BestsellerRanking.REVENUE),
                    m.revenueByCategory(r).stream().limit(top).toList(), m.funnel(PURCHASE_FUNNEL, r), m.channels(r),
                    m.conversion(r), m.sessions(r), m.retention(r));
        }
    }

    @Override
    public Integer call() {
        if (from.isAfter(to)) {
            throw new ParameterException(spec.commandLine(), "Invalid values: --from " + from + " is after --to " + to
                    + " (both days are inclusive)");
        }
        if (top < 1 || top > 1_000) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--top': " + top
                    + " is outside 1..1000");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            Summary s = Summary.of(Metrics.on(wh, MetricsOptions.defaults().withoutCache()), DateRange.of(from, to),
                    top);
            if (json) {
                out.println(json(s));
            } else {
                text(s, out);
            }
        }
        out.flush();
        return 0;
    }

    // ------------------------------------------------------------------ text

    private static void text(Summary s, PrintWriter out) {
        SalesSummary sales = s.sales();
        out.printf(Locale.ROOT, "Metrics for %s to %s%n%n", s.range().from(), s.range().to());
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
        out.printf(Locale.ROOT, "Active    %.0f a day, %.0f in 30 days on average; stickiness %s%n",
                st.averageDailyActive(), st.averageMonthlyActive(), percent(st.ratio()));
        out.printf(Locale.ROOT, "Sessions  %s, %s converting (%s); bounce rate %s, median %s, %.1f pages each%n",
                Units.count(s.conversion().sessions()), Units.count(s.conversion().purchasingSessions()),
                percent(s.conversion().rate()), percent(s.sessions().bounceRate()),
                s.sessions().medianDuration().map(Units::duration).orElse("-"), s.sessions().pagesPerSession());

        section(out, "By month");
        TextTable months = new TextTable("month", ">orders", ">gross", ">net", ">AOV", ">active customers");
        for (RevenuePoint p : s.months()) {
            String active = s.monthlyActive().stream().filter(a -> a.periodStart().equals(p.periodStart()))
                    .map(a -> Units.count(a.customers())).findFirst().orElse("0");
            months.row(p.periodStart().toString().substring(0, 7), Units.count(p.orders()), money(p.grossRevenue()),
                    money(p.netRevenue()), p.averageOrderValue().map(MetricsCommand::money).orElse("-"), active);
        }
        months.print(out);

        section(out, "Top products by revenue");
        TextTable products = new TextTable(">#", "product", "title", "category", ">units", ">gross");
        for (ProductSales p : s.products()) {
            products.row(Integer.toString(p.rank()), p.productId(), abbreviate(p.title(), 40), p.category(),
                    Units.count(p.units()), money(p.grossRevenue()));
        }
        products.print(out);

        section(out, "Categories");
        TextTable categories = new TextTable("category", ">orders", ">gross", ">net", ">share");
        for (CategorySales c : s.categories()) {
            categories.row(c.category(), Units.count(c.orders()), money(c.grossRevenue()), money(c.netRevenue()),
                    percent(c.share()));
        }
        categories.print(out);

        section(out, "Funnel (" + s.funnel().funnel() + ")");
        TextTable funnel = new TextTable("step", ">sessions", ">of start", ">of previous", ">median time");
        for (FunnelStep step : s.funnel().steps()) {
            funnel.row(step.number() + " " + step.event().code(), Units.count(step.count()),
                    percent(step.conversionFromStart()), percent(step.conversionFromPrevious()),
                    step.medianTimeFromStart().map(Units::duration).orElse("-"));
        }
        funnel.print(out);

        section(out, "Channels");
        TextTable channels = new TextTable("channel", ">orders", ">gross", ">sessions", ">conversion");
        for (ChannelPerformance c : s.channels()) {
            channels.row(c.channel(), Units.count(c.orders()), money(c.grossRevenue()), Units.count(c.sessions()),
                    percent(c.conversionRate()));
        }
        channels.print(out);

        section(out, "Retention cohorts (customers ordering again, by months since their first order)");
        int width = s.cohorts().stream().mapToInt(c -> c.points().size()).max().orElse(1);
        String[] titles = new String[width + 2];
        titles[0] = "cohort";
        titles[1] = ">customers";
        for (int k = 0; k < width; k++) {
            titles[k + 2] = ">+" + k;
        }
        TextTable cohorts = new TextTable(titles);
        for (RetentionCohort c : s.cohorts()) {
            String[] row = new String[width + 2];
            row[0] = c.cohort().toString();
            row[1] = Units.count(c.customers());
            for (RetentionCohort.Point p : c.points()) {
                row[p.monthsSince() + 2] = percent(p.rate());
            }
            cohorts.row(row);
        }
        cohorts.print(out);
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

    /** The summary as JSON: money as exact decimal numbers, days as yyyy-MM-dd, durations in seconds. */
    static String json(Summary s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("range").put("from", s.range().from().toString()).put("to", s.range().to().toString());
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
        ArrayNode months = root.putArray("months");
        for (RevenuePoint p : s.months()) {
            ObjectNode m = months.addObject().put("month", p.periodStart().toString().substring(0, 7))
                    .put("orders", p.orders()).put("grossRevenue", p.grossRevenue()).put("netRevenue", p.netRevenue());
            s.monthlyActive().stream().filter(a -> a.periodStart().equals(p.periodStart())).findFirst()
                    .ifPresent(a -> m.put("activeCustomers", a.customers()));
        }
        root.putObject("activeCustomers").put("averageDaily", s.stickiness().averageDailyActive())
                .put("averageRolling30Days", s.stickiness().averageMonthlyActive())
                .put("stickiness", s.stickiness().ratio());
        ArrayNode products = root.putArray("topProducts");
        for (ProductSales p : s.products()) {
            products.addObject().put("rank", p.rank()).put("productId", p.productId()).put("title", p.title())
                    .put("category", p.category()).put("units", p.units()).put("orders", p.orders())
                    .put("grossRevenue", p.grossRevenue());
        }
        ArrayNode categories = root.putArray("categories");
        for (CategorySales c : s.categories()) {
            categories.addObject().put("category", c.category()).put("orders", c.orders()).put("units", c.units())
                    .put("grossRevenue", c.grossRevenue()).put("netRevenue", c.netRevenue()).put("share", c.share());
        }
        ObjectNode funnel = root.putObject("funnel").put("definition", s.funnel().funnel().toString());
        ArrayNode steps = funnel.putArray("steps");
        for (FunnelStep step : s.funnel().steps()) {
            ObjectNode n = steps.addObject().put("step", step.number()).put("event", step.event().code())
                    .put("count", step.count()).put("conversionFromStart", step.conversionFromStart())
                    .put("conversionFromPrevious", step.conversionFromPrevious()).put("dropOff", step.dropOff());
            seconds(n, "medianSecondsFromStart", step.medianTimeFromStart());
            seconds(n, "p90SecondsFromStart", step.p90TimeFromStart());
        }
        ArrayNode channels = root.putArray("channels");
        for (ChannelPerformance c : s.channels()) {
            channels.addObject().put("channel", c.channel()).put("orders", c.orders())
                    .put("grossRevenue", c.grossRevenue()).put("netRevenue", c.netRevenue())
                    .put("sessions", c.sessions()).put("purchasingSessions", c.purchasingSessions())
                    .put("conversionRate", c.conversionRate());
        }
        ObjectNode sessions = root.putObject("sessions").put("sessions", s.sessions().sessions())
                .put("purchasingSessions", s.conversion().purchasingSessions())
                .put("conversionRate", s.conversion().rate()).put("bounceRate", s.sessions().bounceRate())
                .put("pagesPerSession", s.sessions().pagesPerSession());
        seconds(sessions, "medianDurationSeconds", s.sessions().medianDuration());
        ArrayNode cohorts = root.putArray("retentionCohorts");
        for (RetentionCohort c : s.cohorts()) {
            ArrayNode rates = cohorts.addObject().put("cohort", c.cohort().toString()).put("customers", c.customers())
                    .putArray("months");
            for (RetentionCohort.Point p : c.points()) {
                rates.addObject().put("monthsSince", p.monthsSince()).put("activeCustomers", p.activeCustomers())
                        .put("rate", p.rate());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }

    private static void segment(ObjectNode node, SegmentSales s) {
        node.put("customers", s.customers()).put("orders", s.orders()).put("grossRevenue", s.grossRevenue())
                .put("netRevenue", s.netRevenue());
    }

    private static void seconds(ObjectNode node, String field, Optional<Duration> d) {
        d.ifPresent(v -> node.put(field, v.toMillis() / 1000.0));
    }
}
