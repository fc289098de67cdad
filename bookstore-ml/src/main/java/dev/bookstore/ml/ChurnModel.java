package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * Churn prediction: a random forest (Smile 2.6) trained on {@link Features} with the label "no order in the
 * horizon after the as-of day", calibrated (Platt or isotonic, or not at all when neither helps), evaluated honestly
 * out of time against a recency heuristic and logistic regression, and compiled into a {@link Scorer}. Immutable and
 * thread-safe.
 *
 * <p>{@code train(wh, asOf, options)} uses no data after {@code asOf}. With horizon h it first <b>evaluates</b>: a
 * model trained on monthly snapshots (each a point-in-time feature table with the outcomes of the h days after it)
 * whose outcomes end by {@code asOf − h} — the latest is {@code asOf − 2h}, up to {@link ChurnOptions#snapshots()}
 * of them as far as the history reaches — calibrated on that latest snapshot by cross-fitting (each half of its
 * customers scored by a model trained on every snapshot without them), is scored on the snapshot {@code asOf − h}
 * with the outcomes {@code (asOf − h, asOf]}, which no training or calibration row saw. It then <b>refits</b>
 * ({@link ChurnOptions#refit()}): the model that is returned and written is trained the same way on the monthly
 * snapshots up to {@code asOf − h} and calibrated by cross-fitting on that one, so it has seen the latest labels.
 * {@link ChurnEvaluation#evaluated()} and {@link ChurnEvaluation#deployed()} say which snapshots each step used.
 * {@link ChurnOptions#singleSnapshot()} is version 0.1's procedure: trained on {@code asOf − 2h} alone, calibrated
 * on the earlier snapshot {@code asOf − 2h − g} (g = {@code calibrationGapDays}), the evaluated model returned.
 *
 * <pre>{@code
 * ChurnModel churn = ChurnModel.train(wh, LocalDate.parse("2025-12-31"), ChurnOptions.defaults());
 * String report = churn.evaluation().orElseThrow().report();
 * double p = churn.probability(Features.of(wh).customer("CUST_1523", LocalDate.now()));
 * ModelFile.write(churn, Path.of("models/churn.bsm"));
 * }</pre>
 */
public final class ChurnModel {
    static final String LABEL = "churned";

    private final FeatureSchema schema;
    private final ChurnOptions.Algorithm algorithm;
    /** The compiled trees (forest or boosting): the only scoring path. */
    private final Scorer scorer;
    /** Smile's gradient boosting when trained in this JVM (absent after loading a file); for tests only. */
    private final GradientTreeBoost boost;
    private final Calibrator calibrator;
    private final double[] reference;
    private final ModelMetadata metadata;
    private final ChurnEvaluation evaluation;
    /** The Smile forest when trained in this JVM (absent after loading a file). */
    private final RandomForest forest;
    /** {@link #explain}'s engine over this model's trees, calibration and reference vector. */
    private final Explainer explainer;

    private ChurnModel(FeatureSchema schema, Scorer scorer, GradientTreeBoost boost, Calibrator calibrator,
                       double[] reference, ModelMetadata metadata, ChurnEvaluation evaluation, RandomForest forest) {
        if (reference.length != schema.size()) {
            throw new InvalidArgumentException("the reference vector has " + reference.length + " values; schema "
                    + schema.name() + " needs " + schema.size());
        }
        this.schema = schema;
        this.algorithm = scorer.boosted() ? ChurnOptions.Algorithm.BOOSTING : ChurnOptions.Algorithm.FOREST;
        this.scorer = scorer;
        this.boost = boost;
        this.calibrator = calibrator;
        this.reference = reference.clone();
        this.metadata = metadata;
        this.evaluation = evaluation;
        this.forest = forest;
        this.explainer = new Explainer(schema, scorer, calibrator, this.reference);
    }

    /** A model read from a file: scorer, calibration, reference vector and metadata; no evaluation. */
    static ChurnModel loaded(Scorer scorer, Calibrator calibrator, double[] reference, ModelMetadata metadata) {
        return new ChurnModel(scorer.schema(), scorer, null, calibrator, reference, metadata, null, null);
    }

    /**
     * Trains with the default options.
     *
     * @param wh a warehouse with built marts
     * @param asOf the last day whose data may be used
     * @return the trained, evaluated model
     */
    public static ChurnModel train(Warehouse wh, LocalDate asOf) {
        return train(wh, asOf, ChurnOptions.defaults());
    }

    /**
     * Trains, calibrates and evaluates out of time, then (by default) refits the model that is returned on the
     * latest labels; see the class comment for which snapshots each step uses.
     *
     * @param wh a warehouse with built marts
     * @param asOf the last day whose data may be used
     * @param options horizon, snapshots, forest and calibration settings
     * @return the trained, evaluated model
     * @throws InvalidArgumentException when a snapshot has too few customers or only one outcome
     */
    public static ChurnModel train(Warehouse wh, LocalDate asOf, ChurnOptions options) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(options, "options");
        ChurnPlan plan = ChurnPlan.of(asOf, options, ChurnPlan.historyStart(wh));
        int h = options.horizonDays();
        Snapshots data = new Snapshots(Features.of(wh), h);
        Stage evaluated = Stage.fit(plan.evaluation(), data, options);
        Snapshots.Snapshot test = data.get(plan.evaluationAsOf(), "evaluation");
        double[][] xEval = test.features().rowsUnsafe();
        int[] yEval = test.labels();
        ChurnModel raw = evaluated.raw();
        Calibrator calibrator = evaluated.choice().calibrator();
        LogisticBaseline logistic = LogisticBaseline.fit(evaluated.x(), evaluated.y());
        int recencyColumn = test.features().schema().indexOf("recency_days");
        double[] pForest = raw.probabilities(xEval);
        double[] pCalibrated = Evaluation.map(pForest, calibrator::apply);
        double[] pLogistic = Evaluation.score(xEval, logistic::probability);
        double[] pRecency = Evaluation.score(xEval, x -> x[recencyColumn] / (x[recencyColumn] + h));
        String method = calibrator.method().name().toLowerCase(java.util.Locale.ROOT);
        boolean forestAlgorithm = options.algorithm() == ChurnOptions.Algorithm.FOREST;
        String name = forestAlgorithm ? "random forest" : "gradient boosting";
        Stage deployed = plan.deployment().map(step -> Stage.fit(step, data, options)).orElse(evaluated);
        ChurnEvaluation evaluation = new ChurnEvaluation(plan.evaluation().latest(), plan.evaluationAsOf(), h,
                evaluated.y().length, test.size(), rate(evaluated.y()), rate(yEval),
                Evaluation.metrics(name, pForest, yEval),
                Evaluation.metrics("logistic regression", pLogistic, yEval),
                Evaluation.metrics("recency heuristic", pRecency, yEval), Evaluation.reliability(pForest, yEval),
                Evaluation.permutationImportance(test.features().schema(), xEval, yEval, raw::probabilities,
                        options.seed()),
                plan.evaluation().calibration(), evaluated.calibrationRows(), calibrator.method(),
                Evaluation.metrics(name + " + " + method, pCalibrated, yEval),
                Evaluation.reliability(pCalibrated, yEval), evaluated.describe(), deployed.describe());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("forest_auc", evaluation.forest().auc());
        metrics.put("forest_pr_auc", evaluation.forest().prAuc());
        metrics.put("forest_brier", evaluation.forest().brier());
        metrics.put("forest_top_decile_lift", evaluation.forest().topDecileLift());
        metrics.put("calibrated_auc", evaluation.calibrated().auc());
        metrics.put("calibrated_brier", evaluation.calibrated().brier());
        metrics.put("calibrated_ece", evaluation.calibratedEce());
        metrics.put("logistic_auc", evaluation.logistic().auc());
        metrics.put("recency_auc", evaluation.recency().auc());
        metrics.put("train_churn_rate", evaluation.trainChurnRate());
        metrics.put("train_snapshots", (double) deployed.plan().train().size());
        LocalDate deployedAsOf = deployed.plan().latest();
        FeatureTable latest = data.get(deployedAsOf, "training").features();
        ModelMetadata metadata = new ModelMetadata("churn", deployedAsOf, plan.evaluationAsOf(), h,
                deployed.y().length, fingerprint(deployed.tables()), metrics);
        return new ChurnModel(latest.schema(), deployed.raw().scorer, deployed.raw().boost,
                deployed.choice().calibrator(), medians(latest.rowsUnsafe()), metadata, evaluation,
                deployed.raw().forest);
    }

    /** Folds of the cross-fitted calibration: customers are split in this many groups. */
    static final int CROSS_FIT_FOLDS = 2;

    /**
     * At most this many stacked training rows: beyond it the latest snapshot is kept whole and the earlier ones are
     * sampled by customer (the same share of each), so that training time stays bounded on long histories.
     */
    static final int MAX_TRAINING_ROWS = 150_000;

    /** A customer's uniform draw in [0, 1) for the sampling of one snapshot: seeded, the same on every run. */
    static double sampled(String customerId, LocalDate asOf, ChurnOptions o) {
        long z = (customerId.hashCode() * 0x9E3779B97F4A7C15L) ^ (asOf.toEpochDay() * 0xC2B2AE3D27D4EB4FL) ^ o.seed();
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return ((z ^ (z >>> 33)) >>> 11) * 0x1.0p-53;
    }

    /**
     * One step's fitted model: trained on the step's stacked snapshots, its calibration fitted on the step's
     * calibration snapshot — scored by models that never saw those customers (cross-fitting), or by the model itself
     * when the calibration snapshot is an earlier, separate one.
     */
    private record Stage(ChurnPlan.Step plan, ChurnModel raw, Calibrator.Choice choice, double[][] x, int[] y,
                         List<FeatureTable> tables, int calibrationRows) {
        static Stage fit(ChurnPlan.Step step, Snapshots data, ChurnOptions o) {
            List<Snapshots.Snapshot> snapshots = step.train().stream().map(t -> data.get(t, "training")).toList();
            Snapshots.Snapshot latest = snapshots.get(snapshots.size() - 1);
            int all = snapshots.stream().mapToInt(Snapshots.Snapshot::size).sum();
            // the latest snapshot whole; the earlier ones sampled by customer when the rows exceed the cap
            double keep = all <= MAX_TRAINING_ROWS ? 1.0
                    : Math.max(0, (double) (MAX_TRAINING_ROWS - latest.size()) / (all - latest.size()));
            List<double[]> xs = new ArrayList<>(Math.min(all, MAX_TRAINING_ROWS + 1_000));
            List<Integer> ys = new ArrayList<>(Math.min(all, MAX_TRAINING_ROWS + 1_000));
            List<String> idList = new ArrayList<>(Math.min(all, MAX_TRAINING_ROWS + 1_000));
            for (Snapshots.Snapshot s : snapshots) {
                for (int i = 0; i < s.size(); i++) {
                    String id = s.features().customerIds().get(i);
                    if (s == latest || keep >= 1.0 || sampled(id, s.features().asOf(), o) < keep) {
                        xs.add(s.features().rowsUnsafe()[i]);
                        ys.add(s.labels()[i]);
                        idList.add(id);
                    }
                }
            }
            double[][] x = xs.toArray(double[][]::new);
            int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
            String[] ids = idList.toArray(String[]::new);
            FeatureSchema schema = snapshots.get(0).features().schema();
            ChurnModel raw = fitRaw(x, y, schema, o);
            Snapshots.Snapshot calibration = data.get(step.calibration(), "calibration");
            double[] scores = step.crossFitted() ? crossFit(x, y, ids, calibration, schema, o)
                    : raw.probabilities(calibration.features().rowsUnsafe());
            Calibrator.Choice choice = Calibrator.select(o.calibration(), scores, calibration.labels());
            return new Stage(step, raw, choice, x, y,
                    snapshots.stream().map(Snapshots.Snapshot::features).toList(), calibration.size());
        }

        /**
         * Out-of-fold scores of the calibration snapshot: its customers are split into folds by id; each fold is
         * scored by a model trained on every training row (of every snapshot) of the other folds' customers only.
         */
        private static double[] crossFit(double[][] x, int[] y, String[] ids, Snapshots.Snapshot calibration,
                                         FeatureSchema schema, ChurnOptions o) {
            double[] out = new double[calibration.size()];
            for (int k = 0; k < CROSS_FIT_FOLDS; k++) {
                int fold = k;
                int[] rows = java.util.stream.IntStream.range(0, x.length).filter(i -> fold(ids[i], o) != fold)
                        .toArray();
                double[][] fx = java.util.Arrays.stream(rows).mapToObj(i -> x[i]).toArray(double[][]::new);
                int[] fy = java.util.Arrays.stream(rows).map(i -> y[i]).toArray();
                ChurnModel m = fitRaw(fx, fy, schema, o);
                for (int i = 0; i < calibration.size(); i++) {
                    if (fold(calibration.features().customerIds().get(i), o) == fold) {
                        out[i] = m.raw(calibration.features().rowsUnsafe()[i]);
                    }
                }
            }
            return out;
        }

        ChurnEvaluation.Step describe() {
            return new ChurnEvaluation.Step(plan.name(), plan.train(), y.length, rate(y), plan.calibration(),
                    plan.crossFitted(), calibrationRows, choice.calibrator().method(), choice.crossFittedBrier(),
                    choice.notes());
        }
    }

    /** The cross-fitting fold of a customer: a seeded hash of the id, the same in every snapshot. */
    static int fold(String customerId, ChurnOptions o) {
        long z = customerId.hashCode() * 0x9E3779B97F4A7C15L + o.seed();
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (int) Math.floorMod(z ^ (z >>> 29), (long) CROSS_FIT_FOLDS);
    }

    /** The forest or boosting fitted on rows and labels, compiled, without calibration. */
    private static ChurnModel fitRaw(double[][] x, int[] y, FeatureSchema schema, ChurnOptions o) {
        boolean forestAlgorithm = o.algorithm() == ChurnOptions.Algorithm.FOREST;
        RandomForest forest = forestAlgorithm ? fitForest(x, y, schema, o) : null;
        GradientTreeBoost boosting = forestAlgorithm ? null : fitBoosting(x, y, schema, o);
        Scorer compiled = forestAlgorithm ? ForestCompiler.compile(forest, schema) : Scorer.compile(boosting, schema);
        return new ChurnModel(schema, compiled, boosting, Calibrator.none(), new double[schema.size()], null, null,
                forest);
    }

    /**
     * The compiled trees (the hot path: forest or boosting); its scores are uncalibrated, see {@link #probability}.
     *
     * @return the scorer
     */
    public Scorer scorer() {
        return scorer;
    }

    /** @return the features a vector must hold, in order */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the learning algorithm: FOREST or BOOSTING (both compiled, both written to model files) */
    public ChurnOptions.Algorithm algorithm() {
        return algorithm;
    }

    /** The uncalibrated score of one row. */
    private double raw(double[] x) {
        return scorer.score(x);
    }

    /**
     * The calibrated churn probability of one customer: the scorer's soft vote through the fitted calibration.
     *
     * @param x a feature vector in {@code scorer().schema()} order
     * @return P(churn), never exactly 0 or 1 (within [1e-6, 1 − 1e-6]; isotonic calibration is smoothed towards
     *     the calibration sample's churn rate so that no block claims certainty)
     * @throws InvalidArgumentException when the vector's length is not the schema's
     */
    public double probability(double[] x) {
        return calibrator.apply(raw(x));
    }

    /**
     * Calibrated churn probabilities of many customers.
     *
     * @param rows feature vectors in {@code scorer().schema()} order
     * @return one probability per row
     */
    public double[] probabilities(double[][] rows) {
        double[] out = new double[rows.length];
        scorer.score(rows, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = calibrator.apply(out[i]);
        }
        return out;
    }

    /** @return the calibration method in use (PLATT, ISOTONIC or NONE) */
    public ChurnOptions.Calibration calibration() {
        return calibrator.method();
    }

    /** @return the training snapshot's median of each feature, in schema order (a copy) */
    public double[] reference() {
        return reference.clone();
    }

    /**
     * The features that moved one customer's probability most: each feature's effect is the probability minus
     * the probability with that feature set to its training median, the others unchanged. Costs the row's walk of
     * each tree plus a short walk per feature that leaves a path (see {@link #explain(double[][], int)}); allocates
     * only the result.
     *
     * @param x a feature vector in {@code scorer().schema()} order
     * @param top how many contributions to return at most (1..schema size)
     * @return the probability and the {@code top} largest effects by absolute size; features whose effect is 0
     *     (moving them to the median does not change the probability) are left out, so there may be fewer
     * @throws InvalidArgumentException when the vector's length is not the schema's or {@code top} is out of range
     */
    public ChurnExplanation explain(double[] x, int top) {
        return explainer.explain(x, top);
    }

    /**
     * {@link #explain(double[], int)} of many customers at once, with the same values. No probe is scored: per
     * row, one walk of each tree finds where each feature's probe would leave the row's path, and a short walk
     * from there finds the leaf the probe reaches instead; a feature whose probe leaves no path has effect 0.
     *
     * <pre>{@code
     * List<ChurnExplanation> why = model.explain(Features.of(wh).asOf(day).matrix(), 3);
     * }</pre>
     *
     * @param rows feature vectors in {@code scorer().schema()} order
     * @param top how many contributions to return per row (1..schema size)
     * @return one explanation per row, in order
     * @throws InvalidArgumentException when a vector's length is not the schema's or {@code top} is out of range
     */
    public java.util.List<ChurnExplanation> explain(double[][] rows, int top) {
        return explainer.explain(rows, top);
    }

    /**
     * @return SHA-256 (hex) of the model's file encoding: the same for a model and the file it was written to
     */
    public String fingerprint() {
        return HexFormat.of().formatHex(ModelFile.digest(this));
    }

    /** @return how the model was made */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** @return the out-of-time evaluation when trained in this JVM; empty for a model read from a file */
    public Optional<ChurnEvaluation> evaluation() {
        return Optional.ofNullable(evaluation);
    }

    Calibrator calibrator() {
        return calibrator;
    }

    /** Per-column medians (the mean of the two middle values for an even count). */
    static double[] medians(double[][] x) {
        int p = x[0].length;
        double[] out = new double[p];
        double[] column = new double[x.length];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < x.length; i++) {
                column[i] = x[i][j];
            }
            java.util.Arrays.sort(column);
            int m = column.length / 2;
            out[j] = column.length % 2 == 1 ? column[m] : (column[m - 1] + column[m]) / 2;
        }
        return out;
    }

    /** Smile's own posterior P(churn) for each row (uncalibrated); for tests comparing against the scorer. */
    double[] smileProbabilities(double[][] x) {
        if (forest == null && boost == null) {
            throw new InvalidArgumentException("this churn model was read from a file and has no Smile model");
        }
        DataFrame df = frame(x, new int[x.length], schema);
        double[] out = new double[x.length];
        double[] posterior = new double[2];
        for (int i = 0; i < x.length; i++) {
            if (forest != null) {
                forest.predict(df.get(i), posterior);
            } else {
                boost.predict(df.get(i), posterior);
            }
            out[i] = posterior[1];
        }
        return out;
    }

    /** Fits a Smile forest on rows and 0/1 labels; package-private so benchmarks can build one on any data. */
    static RandomForest fitForest(double[][] x, int[] y, FeatureSchema schema, ChurnOptions o) {
        DataFrame df = frame(x, y, schema);
        int p = x[0].length;
        int mtry = Math.max(1, (int) Math.floor(Math.sqrt(p)));
        int maxNodes = Math.max(16, x.length / o.nodeSize());
        return RandomForest.fit(Formula.lhs(LABEL), df, o.trees(), mtry, SplitRule.GINI, o.maxDepth(), maxNodes,
                o.nodeSize(), 1.0, null, LongStream.range(o.seed(), o.seed() + o.trees()));
    }

    /** Fits Smile's gradient tree boosting (logistic loss) with shrinkage 0.05, subsample 0.7, 6-leaf trees. */
    static GradientTreeBoost fitBoosting(double[][] x, int[] y, FeatureSchema schema, ChurnOptions o) {
        smile.math.MathEx.setSeed(o.seed());
        return GradientTreeBoost.fit(Formula.lhs(LABEL), frame(x, y, schema), o.trees(), o.maxDepth(), 6,
                o.nodeSize(), 0.05, 0.7);
    }

    static DataFrame frame(double[][] x, int[] y, FeatureSchema schema) {
        return DataFrame.of(x, schema.columns().toArray(String[]::new)).merge(IntVector.of(LABEL, y));
    }

    static int[] labels(FeatureTable t, Set<String> buyers, String which) {
        if (t.size() < 20) {
            throw new InvalidArgumentException("the " + which + " snapshot as of " + t.asOf() + " has only " + t.size()
                    + " customers with orders; train with a later --as-of or load more history");
        }
        int[] y = new int[t.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = buyers.contains(t.customerIds().get(i)) ? 0 : 1;
        }
        int churned = java.util.Arrays.stream(y).sum();
        if (churned == 0 || churned == y.length) {
            throw new InvalidArgumentException("the " + which + " snapshot as of " + t.asOf()
                    + " has only one outcome ("
                    + (churned == 0 ? "nobody" : "everybody") + " churned); the data cannot train a churn model");
        }
        return y;
    }

    private static double rate(int[] y) {
        return (double) java.util.Arrays.stream(y).sum() / y.length;
    }

    /** SHA-256 of the training tables (for one table the same as before stacking). */
    static String fingerprint(List<FeatureTable> tables) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (FeatureTable t : tables) {
                update(sha, t);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, FeatureTable t) {
        {
            sha.update(t.schema().name().getBytes(StandardCharsets.UTF_8));
            sha.update(t.asOf().toString().getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(8);
            for (int i = 0; i < t.size(); i++) {
                sha.update(t.customerIds().get(i).getBytes(StandardCharsets.UTF_8));
                for (double v : t.rowsUnsafe()[i]) {
                    b.clear();
                    b.putDouble(v);
                    sha.update(b.array());
                }
            }
        }
    }

    /** Logistic regression on standardised features. */
    private record LogisticBaseline(double[] mean, double[] sd, LogisticRegression.Binomial model) {
        static LogisticBaseline fit(double[][] x, int[] y) {
            int p = x[0].length;
            double[] mean = new double[p];
            double[] sd = new double[p];
            for (double[] r : x) {
                for (int j = 0; j < p; j++) {
                    mean[j] += r[j] / x.length;
                }
            }
            for (double[] r : x) {
                for (int j = 0; j < p; j++) {
                    sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / x.length;
                }
            }
            for (int j = 0; j < p; j++) {
                sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1.0;
            }
            double[][] z = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                z[i] = standardise(x[i], mean, sd);
            }
            return new LogisticBaseline(mean, sd, LogisticRegression.binomial(z, y, 0.1, 1e-5, 500));
        }

        double probability(double[] x) {
            double[] posterior = new double[2];
            model.predict(standardise(x, mean, sd), posterior);
            return posterior[1];
        }

        private static double[] standardise(double[] x, double[] mean, double[] sd) {
            double[] z = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                z[j] = (x[j] - mean[j]) / sd[j];
            }
            return z;
        }
    }
}
