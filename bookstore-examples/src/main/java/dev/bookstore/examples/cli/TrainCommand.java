package dev.bookstore.examples.cli;

import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ChurnOptions;
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
        description = {"Train the churn model (random forest) and its two baselines out of time, calibrate its "
                + "probabilities, print the evaluation, and write the model to DIR/" + TrainCommand.CHURN_FILE + ".",
            "Uses only data up to --as-of: evaluates at as-of - horizon a model trained on monthly snapshots up to "
                + "as-of - 2 x horizon, then writes the model refit on the snapshots up to as-of - horizon (each "
                + "calibrated on its latest snapshot by cross-fitting). --snapshots 1 --no-refit: train at as-of - 2 x "
                + "horizon, calibrate at as-of - 2 x horizon - gap, write the evaluated model."})
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

    @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "90",
            description = "Churned = no order in this many days after the as-of day (default: ${DEFAULT-VALUE}).")
    private int horizon;

    @Option(names = "--trees", paramLabel = "N", defaultValue = "200",
            description = "Trees in the forest (default: ${DEFAULT-VALUE}).")
    private int trees;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "12",
            description = "Maximum depth of a tree (default: ${DEFAULT-VALUE}).")
    private int maxDepth;

    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "FOREST",
            description = "Learner: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}): a random forest, or "
                    + "gradient tree boosting (shrinkage 0.05, subsample 0.7); both are evaluated, calibrated, "
                    + "compiled and written the same way.")
    private ChurnOptions.Algorithm algorithm;

    @Option(names = "--calibration", paramLabel = "METHOD", defaultValue = "AUTO",
            description = "How scores become probabilities: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; AUTO "
                    + "picks by cross-fitted Brier score on the calibration snapshot).")
    private ChurnOptions.Calibration calibration;

    @Option(names = "--calibration-gap", paramLabel = "DAYS", defaultValue = "90",
            description = "Days from the calibration snapshot to the training snapshot (default: ${DEFAULT-VALUE}; "
                    + "--snapshots 1 --no-refit only).")
    private int calibrationGap;

    @Option(names = "--snapshots", paramLabel = "N", defaultValue = "12",
            description = "Monthly training snapshots stacked, as far as the history reaches (default: "
                    + "${DEFAULT-VALUE}).")
    private int snapshots;

    @Option(names = "--no-refit", description = "Write the evaluated model instead of refitting it on the latest labels.")
    private boolean noRefit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ChurnOptions options = ChurnOptions.defaults().withHorizonDays(horizon).withTrees(trees)
                .withMaxDepth(maxDepth).withCalibration(calibration).withCalibrationGapDays(calibrationGap)
                .withAlgorithm(algorithm).withSnapshots(snapshots).withRefit(!noRefit);
        try (Warehouse wh = warehouse.connect()) {
            ChurnModel model = ChurnModel.train(wh, asOf, options);
            model.evaluation().ifPresent(e -> out.println(e.report()));
            out.flush();
            Path file = models.resolve(CHURN_FILE);
            ModelFile.write(model, file);
            out.println("model written to " + file + model.evaluation().map(e -> " (trained on "
                    + e.deployed().window() + ")").orElse(""));
        }
        out.flush();
        return 0;
    }
}
