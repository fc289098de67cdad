package dev.bookstore.examples.cli;

import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore train}: trains the churn model out of time, prints its evaluation, writes the model file. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Train the churn model (random forest) and its two baselines out of time, print the "
                + "evaluation, and write the model to DIR/" + TrainCommand.CHURN_FILE + ".",
            "Uses only data up to --as-of: trains at as-of - 2 x horizon, evaluates at as-of - horizon."})
final class TrainCommand implements Callable<Integer> {
    static final String CHURN_FILE = "churn.bsm";

    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "Last day of data to use.")
    private LocalDate asOf;

    @Option(names = "--models", required = true, paramLabel = "DIR", description = "Folder for model files.")
    private Path models;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            ChurnModel model = ChurnModel.train(wh, asOf);
            model.evaluation().ifPresent(e -> out.println(e.report()));
            Path file = models.resolve(CHURN_FILE);
            ModelFile.write(model, file);
            out.println("model written to " + file);
        }
        out.flush();
        return 0;
    }
}
