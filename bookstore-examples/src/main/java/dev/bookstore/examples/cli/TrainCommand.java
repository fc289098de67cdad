package dev.bookstore.examples.cli;

import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ChurnOptions;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.ml.Recommender;
import dev.bookstore.ml.RecommenderOptions;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
    static final String RECS_FILE = "recs.bsr";

    /** The models {@code --only} can select. */
    enum Model { churn, recs, clv, forecast }

    @Option(names = "--only", paramLabel = "MODELS", split = ",", defaultValue = "churn,recs,clv,forecast",
            description = "Models to train, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private List<Model> only;

    @Option(names = "--recs-method", paramLabel = "METHOD", defaultValue = "AUTO",
            description = "Recommender method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: the best "
                    + "NDCG@10 out of time).")
    private RecommenderOptions.Method recsMethod;

    @Option(names = "--recs-horizon", paramLabel = "DAYS", defaultValue = "30",
            description = "Recommender evaluation: fit up to as-of - DAYS, test on the purchases after "
                    + "(default: ${DEFAULT-VALUE}).")
    private int recsHorizon;

    @Option(names = "--recs-knn", paramLabel = "WEIGHTING", defaultValue = "COSINE",
            description = "Recommender item-kNN neighbours: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: the "
                    + "asymmetric cosine of same-customer co-occurrence; BM25 as the implicit library, K1 100, B 0.8).")
    private RecommenderOptions.KnnWeighting recsKnn;

    @Option(names = "--recs-view-weight", paramLabel = "W", defaultValue = "0",
            description = "Recommender ALS: weight of a product view against an order's 1, 0..1 (default: "
                    + "${DEFAULT-VALUE}: orders only).")
    private double recsViewWeight;

    @Option(names = "--recs-cart-weight", paramLabel = "W", defaultValue = "0",
            description = "Recommender ALS: weight of an add-to-cart against an order's 1, 0..1 (default: "
                    + "${DEFAULT-VALUE}: orders only).")
    private double recsCartWeight;

    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Last day of data to use (default: the warehouse's latest data day, the day of its "
                    + "latest order).")
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
        RecommenderOptions recsOptions = recommenderOptions();
        ChurnOptions options = ChurnOptions.defaults().withHorizonDays(horizon).withTrees(trees)
                .withMaxDepth(maxDepth).withCalibration(calibration).withCalibrationGapDays(calibrationGap)
                .withAlgorithm(algorithm).withSnapshots(snapshots).withRefit(!noRefit);
        try (Warehouse wh = warehouse.connect()) {
            AsOfDay day = AsOfDay.of(wh, java.util.Optional.ofNullable(asOf));
            asOf = day.day();
            out.println(day.line());
            if (only.contains(Model.churn)) {
                ChurnModel model = ChurnModel.train(wh, asOf, options);
                model.evaluation().ifPresent(e -> out.println(e.report()));
                out.flush();
                Path file = models.resolve(CHURN_FILE);
                ModelFile.write(model, file);
                out.println("model written to " + file + model.evaluation().map(e -> " (trained on "
                        + e.deployed().window() + ")").orElse(""));
            }
            if (only.contains(Model.recs)) {
                trainRecommender(wh, recsOptions, out);
            }
            if (only.contains(Model.clv)) {
                ClvCommand.trainAndStore(wh, asOf, out);
            }
            if (only.contains(Model.forecast)) {
                out.println(ForecastCommand.trainAndStore(wh, asOf));
            }
        }
        out.flush();
        return 0;
    }

    /** The recommender options of the command line, checked before any training (a bad weight is a usage error). */
    private RecommenderOptions recommenderOptions() {
        weight("--recs-view-weight", recsViewWeight);
        weight("--recs-cart-weight", recsCartWeight);
        return RecommenderOptions.defaults().withMethod(recsMethod).withHorizonDays(recsHorizon)
                .withKnnWeighting(recsKnn).withEventWeights(recsViewWeight, recsCartWeight);
    }

    private void weight(String option, double w) {
        if (!(w >= 0 && w <= 1)) {
            throw new ParameterException(spec.commandLine(), option + " must be in 0..1 (an order weighs 1), got "
                    + w);
        }
    }

    private void trainRecommender(Warehouse wh, RecommenderOptions options, PrintWriter out) {
        Recommender recs = Recommender.train(wh, asOf, options);
        recs.evaluation().ifPresent(e -> out.println(e.report()));
        Path file = models.resolve(RECS_FILE);
        recs.write(file);
        out.println("recommender (" + RecommendCommand.source(recs.method()) + ") written to " + file);
        out.flush();
    }
}
