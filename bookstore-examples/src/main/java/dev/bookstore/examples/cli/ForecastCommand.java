package dev.bookstore.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.ml.DemandForecast;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore forecast}: weekly demand forecasts per product or category, their evaluation, reorders. */
@Command(name = "forecast",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Forecast weekly units per product or category (method chosen per series), evaluate the last "
                + "quarter against seasonal naive, and list products to reorder.")
final class ForecastCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--as-of", paramLabel = "DATE", description = AsOfDay.HELP)
    private LocalDate asOf;

    @Option(names = "--horizon-weeks", paramLabel = "N", defaultValue = "13",
            description = "Weeks to forecast (default ${DEFAULT-VALUE}).")
    private int horizonWeeks;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "product",
            description = "product or category (default ${DEFAULT-VALUE}).")
    private String level;

    @Option(names = "--lead-time-days", paramLabel = "N", defaultValue = "14",
            description = "Replenishment lead time (default ${DEFAULT-VALUE}).")
    private int leadTimeDays;

    @Option(names = "--service-level", paramLabel = "P", defaultValue = "0.95",
            description = "Probability of no stock-out during the lead time (default ${DEFAULT-VALUE}).")
    private double serviceLevel;

    @Option(names = "--select", paramLabel = "HOW", defaultValue = "holdout",
            description = "How each series' method is chosen: holdout (least error on the quarter before the last) "
                    + "or aic (lowest AIC among the exponential smoothing models; intermittent series still on the "
                    + "holdout). Default ${DEFAULT-VALUE}.")
    private String select;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Series and reorders shown in the text output (default ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Option(names = "--store", description = "Write the forecasts and reorder points to the mart demand_forecast, "
            + "replacing the rows of the --as-of day and level.")
    private boolean store;

    @Override
    public Integer call() {
        DemandForecast.Level l = switch (level.strip().toLowerCase(Locale.ROOT)) {
            case "product" -> DemandForecast.Level.PRODUCT;
            case "category" -> DemandForecast.Level.CATEGORY;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--level': '" + level + "' (expected product or category)");
        };
        DemandForecast.Selection selection = switch (select.strip().toLowerCase(Locale.ROOT)) {
            case "holdout" -> DemandForecast.Selection.HOLDOUT;
            case "aic" -> DemandForecast.Selection.AIC;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--select': '" + select + "' (expected holdout or aic)");
        };
        DemandForecast.Options options;
        try {
            options = new DemandForecast.Options(l, horizonWeeks, leadTimeDays, serviceLevel, selection);
        } catch (dev.bookstore.model.InvalidArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            AsOfDay day = AsOfDay.of(wh, java.util.Optional.ofNullable(asOf));
            if (!json) {
                out.println(day.line());
            }
            DemandForecast forecast = DemandForecast.of(wh);
            DemandForecast.Result r = forecast.run(day.day(), options);
            if (store) {
                forecast.store(r);
            }
            out.println(json ? json(r) : text(r));
        }
        out.flush();
        return 0;
    }

    /**
     * For {@code bookstore train} and the quickstart: forecasts every product's next 13 weeks as of {@code asOf}
     * (14 days' lead time, 95 % service level), writes them to the mart demand_forecast and returns a one-line
     * summary with the last quarter's accuracy against the baseline.
     */
    static String trainAndStore(Warehouse wh, LocalDate asOf) {
        DemandForecast forecast = DemandForecast.of(wh);
        DemandForecast.Result r = forecast.run(asOf, DemandForecast.Options.defaults());
        int rows = forecast.store(r);
        String accuracy = r.evaluation().stream().filter(s -> s.group().equals("all")).findFirst()
                .map(s -> String.format(Locale.ROOT, "MASE %.3f (%s %.3f), ", s.mase(), r.baseline(),
                        s.baselineMase())).orElse("");
        return String.format(Locale.ROOT, "forecast %s%,d to reorder %s demand_forecast %,d rows", accuracy,
                r.reorders().size(), Units.ARROW, rows);
    }

    private String text(DemandForecast.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Demand forecast per %s from the week of %s, %d weeks; methods (chosen "
                + "by %s) %s%n%n", r.options().level().name().toLowerCase(Locale.ROOT), r.lastWeekStart().plusWeeks(1),
                r.options().horizonWeeks(), r.options().selection().name().toLowerCase(Locale.ROOT), r.methods()));
        b.append(String.format(Locale.ROOT, "Last-quarter rolling-origin accuracy (baseline %s)%n", r.baseline()));
        b.append(String.format(Locale.ROOT, "%-24s %7s %8s %8s %13s %14s%n", "group", "series", "MASE", "RMSSE",
                "baseline MASE", "baseline RMSSE"));
        for (DemandForecast.Score s : r.evaluation()) {
            b.append(String.format(Locale.ROOT, "%-24s %7d %8.3f %8.3f %13.3f %14.3f%n", s.group(), s.series(),
                    s.mase(), s.rmsse(), s.baselineMase(), s.baselineRmsse()));
        }
        b.append(String.format(Locale.ROOT, "%nFirst forecast week (first %d series)%n", top));
        r.forecasts().stream().filter(w -> w.weekStart().equals(r.lastWeekStart().plusWeeks(1))).limit(top)
                .forEach(w -> b.append(String.format(Locale.ROOT, "%-24s %s %8.1f [%6.1f, %6.1f] %s%n", w.series(),
                        w.weekStart(), w.units(), w.lower(), w.upper(), w.method())));
        if (r.options().level() == DemandForecast.Level.PRODUCT) {
            b.append(String.format(Locale.ROOT, "%n%d products at or below their reorder point (lead time %d days, "
                    + "service level %.1f %%)%n", r.reorders().size(), r.options().leadTimeDays(),
                    100 * r.options().serviceLevel()));
            r.reorders().stream().limit(top).forEach(o -> b.append(String.format(Locale.ROOT,
                    "%-24s stock %5d  reorder point %7.1f  safety %6.1f  order %5d%n", o.productId(), o.stock(),
                    o.reorderPoint(), o.safetyStock(), o.suggestedOrder())));
        }
        return b.toString();
    }

    private static String json(DemandForecast.Result r) {
        ObjectNode root = MAPPER.createObjectNode();
        String key = r.options().level() == DemandForecast.Level.PRODUCT ? "product_id" : "category";
        root.put("as_of", r.asOf().toString()).put("level", r.options().level().name().toLowerCase(Locale.ROOT))
                .put("horizon_weeks", r.options().horizonWeeks())
                .put("selection", r.options().selection().name().toLowerCase(Locale.ROOT));
        ArrayNode f = root.putArray("forecasts");
        for (DemandForecast.Week w : r.forecasts()) {
            f.addObject().put(key, w.series()).put("week_start", w.weekStart().toString()).put("units", w.units())
                    .put("lower", w.lower()).put("upper", w.upper()).put("method", w.method());
        }
        ObjectNode e = root.putObject("evaluation");
        e.put("baseline", r.baseline());
        ArrayNode groups = e.putArray("groups");
        for (DemandForecast.Score s : r.evaluation()) {
            groups.addObject().put("group", s.group()).put("series", s.series()).put("mase", s.mase())
                    .put("rmsse", s.rmsse()).put("baseline_mase", s.baselineMase())
                    .put("baseline_rmsse", s.baselineRmsse());
        }
        ObjectNode m = e.putObject("methods");
        r.methods().forEach(m::put);
        ArrayNode re = root.putArray("reorders");
        for (DemandForecast.Reorder o : r.reorders()) {
            re.addObject().put("product_id", o.productId()).put("stock", o.stock())
                    .put("horizon_demand", o.horizonDemand()).put("horizon_lower", o.horizonLower())
                    .put("horizon_upper", o.horizonUpper()).put("safety_stock", o.safetyStock())
                    .put("reorder_point", o.reorderPoint()).put("suggested_order", o.suggestedOrder());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
