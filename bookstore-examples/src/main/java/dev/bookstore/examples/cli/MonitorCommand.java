package dev.bookstore.examples.cli;

import dev.bookstore.ml.ModelFile;
import dev.bookstore.ml.ModelHealth;
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

/** {@code bookstore monitor}: drift (PSI) of features and score, and realised AUC once outcomes are known. */
@Command(name = "monitor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Compare current data with the churn model's training data: PSI per feature and of the "
                + "score; the realised AUC once the outcome window has passed.")
final class MonitorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--models", required = true, paramLabel = "DIR", description = "Folder of model files.")
    private Path models;

    @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "Day to check at.")
    private LocalDate asOf;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var model = ModelFile.read(models.resolve(TrainCommand.CHURN_FILE));
        try (Warehouse wh = warehouse.connect()) {
            out.println(ModelHealth.check(wh, model, asOf).report());
        }
        out.flush();
        return 0;
    }
}
