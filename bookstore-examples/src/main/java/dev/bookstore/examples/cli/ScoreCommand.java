package dev.bookstore.examples.cli;

import dev.bookstore.ml.ChurnExplanation;
import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.Features;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bookstore score}: scores with a trained model; {@code score churn} for the churn model. */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Score with a trained model.",
        subcommands = ScoreCommand.Churn.class)
final class ScoreCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing model: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code bookstore score churn}: one customer's churn probability and the features it was computed from. */
    @Command(name = "churn",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "Print a customer's calibrated probability of churning (no order in the model's horizon) "
                    + "and the features that moved it most (effect = probability minus the probability with that "
                    + "feature at the training median).")
    static final class Churn implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private WarehouseOptions warehouse;

        @Option(names = "--models", required = true, paramLabel = "DIR", description = "Folder of model files.")
        private Path models;

        @Option(names = "--customer", required = true, paramLabel = "ID", description = "Customer id, e.g. CUST_1523.")
        private String customer;

        @Option(names = "--as-of", paramLabel = "DATE",
                description = "Day to compute the features at (default: the warehouse's latest data day, the day "
                        + "of its latest order).")
        private LocalDate asOf;

        @Option(names = "--top", paramLabel = "N", defaultValue = "5",
                description = "How many contributing features to list (default: ${DEFAULT-VALUE}).")
        private int top;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (top < 1) {
                throw new ParameterException(spec.commandLine(), "--top must be at least 1, was " + top);
            }
            ChurnModel model = ModelFile.read(models.resolve(TrainCommand.CHURN_FILE));
            try (Warehouse wh = warehouse.connect()) {
                AsOfDay asOfDay = AsOfDay.of(wh, java.util.Optional.ofNullable(asOf));
                LocalDate day = asOfDay.day();
                double[] x = Features.of(wh).customer(customer, day);
                ChurnExplanation e = model.explain(x, Math.min(top, x.length));
                out.printf(Locale.ROOT, "customer %s %s: churn probability %.3f (%s calibration)%n", customer,
                        asOfDay.line(), e.probability(), model.calibration().name().toLowerCase(Locale.ROOT));
                out.println("top contributing features:");
                TextTable table = new TextTable("feature", ">value", ">training median", ">effect");
                for (ChurnExplanation.Contribution c : e.contributions()) {
                    if (Math.abs(c.effect()) < 0.0005) {
                        continue; // +0.000 at three decimals: no effect worth a row
                    }
                    table.row(c.feature(), String.format(Locale.ROOT, "%.2f", c.value()),
                            String.format(Locale.ROOT, "%.2f", c.reference()),
                            String.format(Locale.ROOT, "%+.3f", c.effect()));
                }
                table.print(out);
            }
            out.flush();
            return 0;
        }
    }
}
