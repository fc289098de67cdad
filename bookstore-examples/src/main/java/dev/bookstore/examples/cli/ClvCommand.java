package dev.bookstore.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.ml.Clv;
import dev.bookstore.ml.ClvHoldout;
import dev.bookstore.ml.CustomerValue;
import dev.bookstore.ml.ModelFit;
import dev.bookstore.ml.PurchaseModel;
import dev.bookstore.ml.RfmSummary;
import dev.bookstore.ml.TransactionColumns;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bookstore clv}: BG/NBD, Pareto/NBD, MBG/NBD and gamma-gamma fitted on the warehouse ({@code --db}) or on
 * any transactions CSV ({@code --transactions}), the holdout check and the most valuable customers.
 */
@Command(name = "clv",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Customer lifetime value: fit BG/NBD, Pareto/NBD, modified BG/NBD and gamma-gamma spend by "
            + "maximum likelihood, check them on a holdout against regression baselines, rank customers.",
            "On the warehouse: --db URL --as-of DATE. On a file: --transactions FILE --customer-col NAME "
            + "--date-col NAME --amount-col NAME --date-format PATTERN --calibration-end DATE."})
final class ClvCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the warehouse.")
    private String url;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "",
            description = "Namespace the warehouse was created with (none by default).")
    private String namespace;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Last day of data to use (with --db).")
    private LocalDate asOf;

    @Option(names = "--transactions", paramLabel = "FILE", description = "A transactions CSV file instead of --db.")
    private Path transactions;

    @Option(names = "--customer-col", paramLabel = "NAME", description = "Customer id column of --transactions.")
    private String customerCol;

    @Option(names = "--date-col", paramLabel = "NAME", description = "Date column of --transactions.")
    private String dateCol;

    @Option(names = "--amount-col", paramLabel = "NAME", description = "Amount column of --transactions.")
    private String amountCol;

    @Option(names = "--date-format", paramLabel = "PATTERN", defaultValue = "yyyy-MM-dd",
            description = "Date pattern of --transactions (default ${DEFAULT-VALUE}).")
    private String dateFormat;

    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "Last calibration day (with --transactions).")
    private LocalDate calibrationEnd;

    @Option(names = "--holdout-weeks", paramLabel = "N", defaultValue = "13",
            description = "Weeks held out to check the models (0 for none; default ${DEFAULT-VALUE}). On the "
                    + "warehouse the last N weeks up to --as-of; on a file the N weeks after --calibration-end.")
    private int holdoutWeeks;

    @Option(names = "--horizon-weeks", paramLabel = "N", defaultValue = "52",
            description = "CLV horizon in weeks (default ${DEFAULT-VALUE}).")
    private int horizonWeeks;

    @Option(names = "--discount-rate", paramLabel = "R", defaultValue = "0.01",
            description = "Monthly discount rate (default ${DEFAULT-VALUE}).")
    private double discountRate;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Customers listed, highest CLV first (default ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Option(names = "--store", description = "With --db: write every customer's values (the purchase model with the "
            + "lowest AIC) to the mart customer_clv, replacing the rows of the --as-of day.")
    private boolean store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((url == null) == (transactions == null)) {
            throw new ParameterException(spec.commandLine(), "give either --db URL --as-of DATE or --transactions "
                    + "FILE (with --customer-col, --date-col, --amount-col, --calibration-end)");
        }
        if (store && url == null) {
            throw new ParameterException(spec.commandLine(), "--store writes to the warehouse: give --db URL");
        }
        if (holdoutWeeks < 0) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--holdout-weeks': "
                    + holdoutWeeks + " (expected 0 or more)");
        }
        Run run = url != null ? onWarehouse() : onFile();
        List<CustomerValue> values = new ArrayList<>(run.clv.values(run.summary, horizonWeeks, discountRate));
        values.sort(Comparator.comparingDouble(CustomerValue::clv).reversed().thenComparing(CustomerValue::customerId));
        List<CustomerValue> best = values.subList(0, Math.min(top, values.size()));
        if (json) {
            out.println(json(run, best));
        } else {
            text(out, run, best);
        }
        out.flush();
        return 0;
    }

    /**
     * For {@code bookstore train}: fits the CLV models on all data up to {@code asOf} and writes 52-week values
     * (1 % a month discount, the preferred purchase model) to the mart customer_clv.
     */
    static void trainAndStore(Warehouse wh, LocalDate asOf, PrintWriter out) {
        out.println(trainAndStore(wh, asOf));
        out.flush();
    }

    /** As {@link #trainAndStore(Warehouse, LocalDate, PrintWriter)}; returns the one-line summary. */
    static String trainAndStore(Warehouse wh, LocalDate asOf) {
        RfmSummary s = Clv.summary(wh, asOf);
        Clv clv = Clv.fit(s);
        PurchaseModel m = clv.preferred();
        int rows = clv.store(wh, asOf, m, 52, clv.values(s, m, 52, 0.01));
        return String.format(Locale.ROOT, "CLV: %s (lowest AIC, %.1f) on %,d customers; %,d rows written to "
                + "customer_clv", m.key(), m.fit().aic(), s.size(), rows);
    }

    private record Run(Clv clv, RfmSummary summary, Optional<ClvHoldout> holdout) {
    }

    private Run onWarehouse() {
        require(asOf, "--as-of", "with --db");
        WarehouseOptions.requireExistingFile(url);
        try (Warehouse wh = Warehouse.connect(url, WarehouseConfig.defaults().withNamespace(namespace))) {
            Optional<ClvHoldout> holdout = holdoutWeeks == 0 ? Optional.empty()
                    : Optional.of(Clv.validate(wh, asOf.minusWeeks(holdoutWeeks), holdoutWeeks).holdout());
            RfmSummary s = Clv.summary(wh, asOf);
            Clv clv = Clv.fit(s);
            if (store) {
                clv.store(wh, asOf, clv.preferred(), horizonWeeks, clv.values(s, clv.preferred(), horizonWeeks,
                        discountRate));
            }
            return new Run(clv, s, holdout);
        }
    }

    private Run onFile() {
        require(customerCol, "--customer-col", "with --transactions");
        require(dateCol, "--date-col", "with --transactions");
        require(amountCol, "--amount-col", "with --transactions");
        require(calibrationEnd, "--calibration-end", "with --transactions");
        TransactionColumns cols;
        try {
            cols = new TransactionColumns(customerCol, dateCol, amountCol, dateFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--date-format': "
                    + e.getMessage());
        }
        if (holdoutWeeks == 0) {
            RfmSummary s = Clv.summary(transactions, cols, calibrationEnd, Optional.empty());
            return new Run(Clv.fit(s), s, Optional.empty());
        }
        RfmSummary s = Clv.summary(transactions, cols, calibrationEnd,
                Optional.of(calibrationEnd.plusWeeks(holdoutWeeks)));
        RfmSummary training = Clv.summary(transactions, cols, calibrationEnd.minusWeeks(holdoutWeeks),
                Optional.of(calibrationEnd));
        Clv clv = Clv.fit(s);
        return new Run(clv, s, Optional.of(clv.holdout(s, training)));
    }

    private void require(Object value, String option, String when) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "Missing option " + option + " (required " + when + ")");
        }
    }

    private void text(PrintWriter out, Run run, List<CustomerValue> best) {
        out.printf(Locale.ROOT, "CLV models on %d customers%s (time in weeks)%n", run.summary.size(),
                run.summary.calibrationEnd().map(d -> " up to " + d).orElse(""));
        TextTable t = new TextTable("model", "parameters (± standard error)", ">log-likelihood", ">AIC");
        for (PurchaseModel m : run.clv.purchaseModels()) {
            t.row(m.key(), estimates(m.fit()), String.format(Locale.ROOT, "%.1f", m.fit().logLikelihood()),
                    String.format(Locale.ROOT, "%.1f", m.fit().aic()));
        }
        t.row("gammagamma", estimates(run.clv.gammaGamma().fit()),
                String.format(Locale.ROOT, "%.1f", run.clv.gammaGamma().fit().logLikelihood()),
                String.format(Locale.ROOT, "%.1f", run.clv.gammaGamma().fit().aic()));
        t.print(out);
        out.printf(Locale.ROOT, "frequency–spend correlation %.3f; purchase model chosen by AIC: %s%n%n",
                run.clv.gammaGamma().frequencyMonetaryCorrelation(), run.clv.preferred().key());
        run.holdout.ifPresent(h -> out.println(h.report()));
        out.printf(Locale.ROOT, "Top %d customers by CLV over %d weeks (%.1f %% a month discount)%n", best.size(),
                horizonWeeks, 100 * discountRate);
        TextTable c = new TextTable("customer", ">P(alive)", ">purchases", ">spend", ">CLV");
        for (CustomerValue v : best) {
            c.row(v.customerId(), String.format(Locale.ROOT, "%.3f", v.probabilityAlive()),
                    String.format(Locale.ROOT, "%.2f", v.expectedPurchases()),
                    String.format(Locale.ROOT, "%.2f", v.expectedSpend()), String.format(Locale.ROOT, "%.2f", v.clv()));
        }
        c.print(out);
    }

    private static String estimates(ModelFit fit) {
        StringBuilder b = new StringBuilder();
        for (ModelFit.Estimate e : fit.estimates()) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.4g ± %.2g", e.name(),
                    e.value(), e.standardError()));
        }
        return b.toString();
    }

    private String json(Run run, List<CustomerValue> best) {
        ObjectNode root = MAPPER.createObjectNode();
        run.summary.calibrationEnd().ifPresent(d -> root.put("calibration_end", d.toString()));
        root.put("customers", run.summary.size());
        for (PurchaseModel m : run.clv.purchaseModels()) {
            ObjectNode o = root.putObject(m.key());
            for (ModelFit.Estimate e : m.fit().estimates()) {
                o.put(e.name(), e.value());
            }
            o.put("ll", m.fit().logLikelihood());
            o.put("aic", m.fit().aic());
            ObjectNode se = o.putObject("se");
            m.fit().estimates().forEach(e -> se.put(e.name(), e.standardError()));
        }
        ObjectNode gg = root.putObject("gammagamma");
        run.clv.gammaGamma().fit().estimates().forEach(e -> gg.put(e.name(), e.value()));
        gg.put("ll", run.clv.gammaGamma().fit().logLikelihood());
        gg.put("frequency_monetary_correlation", run.clv.gammaGamma().frequencyMonetaryCorrelation());
        root.put("preferred", run.clv.preferred().key());
        root.put("preferred_by", "aic");
        run.holdout.ifPresent(h -> {
            ObjectNode o = root.putObject("holdout");
            o.put("weeks", h.holdoutWeeks());
            ArrayNode buckets = o.putArray("buckets");
            List<ClvHoldout.Bucket> all = new ArrayList<>(h.buckets());
            all.add(h.total());
            for (ClvHoldout.Bucket k : all) {
                ObjectNode b = buckets.addObject().put("frequency", k.frequency()).put("customers", k.customers())
                        .put("actual", k.actual());
                run.clv.purchaseModels().forEach(m -> b.put(m.key(), k.expected().get(m.key())));
            }
            ArrayNode scores = o.putArray("spend");
            for (ClvHoldout.Score s : h.scores()) {
                scores.addObject().put("method", s.method()).put("mae", s.mae()).put("rmse", s.rmse())
                        .put("spearman", s.spearman()).put("top_decile_share", s.topDecileShare());
            }
        });
        root.put("horizon_weeks", horizonWeeks).put("discount_rate", discountRate);
        ArrayNode tops = root.putArray("top_customers");
        for (CustomerValue v : best) {
            tops.addObject().put("customer_id", v.customerId()).put("p_alive", v.probabilityAlive())
                    .put("expected_purchases", v.expectedPurchases()).put("expected_spend", v.expectedSpend())
                    .put("clv", v.clv());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
