package dev.bookstore.examples.cli;

import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.Features;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
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
            description = "Print a customer's probability of churning (no order in the model's horizon) and the "
                    + "feature values it was scored on.")
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
                description = "Day to compute the features at (default: the model's evaluation day).")
        private LocalDate asOf;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ChurnModel model = ModelFile.read(models.resolve(TrainCommand.CHURN_FILE));
            LocalDate day = asOf != null ? asOf : model.metadata().evaluationAsOf();
            try (Warehouse wh = warehouse.connect()) {
                double[] x = Features.of(wh).customer(customer, day);
                double p = model.scorer().score(x);
                out.printf(Locale.ROOT, "customer %s as of %s: churn probability %.3f%n", customer, day, p);
                List<String> names = model.scorer().schema().columns();
                TextTable table = new TextTable("feature", ">value");
                for (int i = 0; i < x.length; i++) {
                    table.row(names.get(i), String.format(Locale.ROOT, "%.2f", x[i]));
                }
                table.print(out);
            }
            out.flush();
            return 0;
        }
    }
}
