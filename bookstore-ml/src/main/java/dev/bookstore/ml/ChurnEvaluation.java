package dev.bookstore.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The out-of-time evaluation of a churn model and what the written model was trained on: the evaluated model was
 * trained on the snapshots of {@link #evaluated()} (the latest is {@code trainAsOf}) with the outcomes of the
 * horizon after each, calibrated on {@code calibrationAsOf}, and evaluated on the later snapshot
 * {@code evaluationAsOf} with its outcomes, which no training or calibration row saw — for the forest (raw and
 * calibrated) and the two baselines (recency heuristic, logistic regression), plus reliability tables with their
 * expected calibration error before and after calibration and permutation importance on the evaluation snapshot.
 * The written model is {@link #deployed()}: refit on the latest labelled snapshots, or the evaluated one.
 *
 * <pre>{@code
 * ChurnEvaluation e = ChurnModel.train(wh, asOf, ChurnOptions.defaults()).evaluation();
 * boolean better = e.forest().auc() > e.logistic().auc();
 * String text = e.report();
 * }</pre>
 *
 * @param trainAsOf snapshot the model was trained on
 * @param evaluationAsOf later snapshot it was evaluated on
 * @param horizonDays outcome window length
 * @param trainRows training customers
 * @param evaluationRows evaluation customers
 * @param trainChurnRate share of training customers who churned
 * @param evaluationChurnRate share of evaluation customers who churned
 * @param forest the model's uncalibrated metrics: the random forest's, or gradient boosting's when chosen
 * @param logistic the logistic-regression baseline's metrics
 * @param recency the recency heuristic's metrics
 * @param reliability the forest's reliability table (10 probability bins, empty bins left out)
 * @param importance the forest's permutation importance, largest AUC drop first
 * @param calibrationAsOf snapshot the evaluated model's calibration was fitted on: its latest training snapshot
 *     (cross-fitted), or an earlier one in the single-snapshot procedure
 * @param calibrationRows calibration customers
 * @param calibration the calibration method used (never AUTO: the one AUTO chose)
 * @param calibrated the calibrated forest's metrics on the evaluation snapshot
 * @param calibratedReliability the calibrated forest's reliability table
 * @param evaluated the evaluation step: its training snapshots and calibration
 * @param deployed the written model's step: the refit's snapshots and calibration, or the evaluation step's
 */
public record ChurnEvaluation(LocalDate trainAsOf, LocalDate evaluationAsOf, int horizonDays, int trainRows,
                              int evaluationRows, double trainChurnRate, double evaluationChurnRate,
                              ModelMetrics forest, ModelMetrics logistic, ModelMetrics recency,
                              List<ReliabilityBin> reliability, List<FeatureImportance> importance,
                              LocalDate calibrationAsOf, int calibrationRows, ChurnOptions.Calibration calibration,
                              ModelMetrics calibrated, List<ReliabilityBin> calibratedReliability, Step evaluated,
                              Step deployed) {
    /**
     * Copies the lists.
     *
     * @param trainAsOf snapshot the model was trained on
     * @param evaluationAsOf later snapshot it was evaluated on
     * @param horizonDays outcome window length
     * @param trainRows training customers
     * @param evaluationRows evaluation customers
     * @param trainChurnRate share of training customers who churned
     * @param evaluationChurnRate share of evaluation customers who churned
     * @param forest the model's uncalibrated metrics (random forest or gradient boosting)
     * @param logistic the logistic-regression baseline's metrics
     * @param recency the recency heuristic's metrics
     * @param reliability the forest's reliability table
     * @param importance the forest's permutation importance
     * @param calibrationAsOf snapshot the calibration was fitted on
     * @param calibrationRows calibration customers
     * @param calibration the calibration method used
     * @param calibrated the calibrated forest's metrics
     * @param calibratedReliability the calibrated forest's reliability table
     * @param evaluated the evaluation step
     * @param deployed the written model's step
     */
    public ChurnEvaluation {
        java.util.Objects.requireNonNull(evaluated, "evaluated");
        java.util.Objects.requireNonNull(deployed, "deployed");
        reliability = List.copyOf(reliability);
        calibratedReliability = List.copyOf(calibratedReliability);
        importance = List.copyOf(importance);
    }

    /**
     * One training step: the snapshots a model was trained on and how its calibration was fitted.
     *
     * @param name {@code evaluation} or {@code deployment}
     * @param trainSnapshots the training snapshots, oldest first (each with the outcomes of the horizon after it)
     * @param trainRows training rows over all snapshots
     * @param trainChurnRate share of training rows that churned
     * @param calibrationAsOf the snapshot the calibration was fitted on
     * @param crossFitted true when the calibration snapshot is the latest training snapshot, scored by models that
     *     did not see its customers (cross-fitting); false for a separate, earlier snapshot
     * @param calibrationRows calibration customers
     * @param calibration the calibration method used (never AUTO)
     * @param calibrationBrier each method tried with its cross-fitted Brier score on the calibration rows (NONE: the
     *     uncalibrated score; infinite: could not be fitted)
     * @param notes what went wrong while calibrating and what was done instead; empty when nothing did
     */
    public record Step(String name, List<LocalDate> trainSnapshots, int trainRows, double trainChurnRate,
                       LocalDate calibrationAsOf, boolean crossFitted, int calibrationRows,
                       ChurnOptions.Calibration calibration, java.util.Map<ChurnOptions.Calibration, Double>
                               calibrationBrier, List<String> notes) {
        /**
         * Copies the collections.
         *
         * @param name the step's name
         * @param trainSnapshots the training snapshots, oldest first, at least one
         * @param trainRows training rows
         * @param trainChurnRate share of training rows that churned
         * @param calibrationAsOf the calibration snapshot
         * @param crossFitted whether the calibration was cross-fitted
         * @param calibrationRows calibration customers
         * @param calibration the method used
         * @param calibrationBrier cross-fitted Brier score per method tried
         * @param notes calibration notes
         */
        public Step {
            trainSnapshots = List.copyOf(trainSnapshots);
            if (trainSnapshots.isEmpty()) {
                throw new IllegalArgumentException("a step needs at least one training snapshot");
            }
            calibrationBrier = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(calibrationBrier));
            notes = List.copyOf(notes);
        }

        /** @return the earliest training snapshot */
        public LocalDate firstSnapshot() {
            return trainSnapshots.get(0);
        }

        /** @return the latest training snapshot */
        public LocalDate lastSnapshot() {
            return trainSnapshots.get(trainSnapshots.size() - 1);
        }

        /** @return e.g. {@code 7 snapshots 2025-04-02..2025-10-02} or {@code 1 snapshot 2025-07-04} */
        public String window() {
            return trainSnapshots.size() == 1 ? "1 snapshot " + firstSnapshot()
                    : trainSnapshots.size() + " snapshots " + firstSnapshot() + ".." + lastSnapshot();
        }
    }

    /** @return the expected calibration error of {@link #reliability()}: bins weighted by their share of rows */
    public double ece() {
        return ece(reliability);
    }

    /** @return the expected calibration error of {@link #calibratedReliability()} */
    public double calibratedEce() {
        return ece(calibratedReliability);
    }

    /**
     * @param bins a reliability table
     * @return the sum over bins of the bin's share of rows times |mean predicted − observed rate|
     */
    static double ece(List<ReliabilityBin> bins) {
        double n = bins.stream().mapToInt(ReliabilityBin::count).sum();
        return n == 0 ? 0 : bins.stream().mapToDouble(r -> r.count() / n * Math.abs(r.meanPredicted()
                - r.observedRate())).sum();
    }

    /**
     * One model's scores on the evaluation snapshot.
     *
     * @param model the model's name
     * @param auc area under the ROC curve
     * @param prAuc area under the precision-recall curve (average precision)
     * @param brier mean squared error of the probabilities
     * @param topDecileLift churn rate in the top-scored 10% over the overall churn rate
     */
    public record ModelMetrics(String model, double auc, double prAuc, double brier, double topDecileLift) {
    }

    /**
     * One bin of the reliability table.
     *
     * @param from lower probability bound (inclusive)
     * @param to upper probability bound
     * @param count customers in the bin
     * @param meanPredicted mean predicted probability
     * @param observedRate observed churn rate
     */
    public record ReliabilityBin(double from, double to, int count, double meanPredicted, double observedRate) {
    }

    /**
     * How much the forest's AUC drops when a feature is shuffled.
     *
     * @param feature the feature name
     * @param aucDrop AUC with the feature intact minus AUC with it shuffled
     */
    public record FeatureImportance(String feature, double aucDrop) {
    }

    /**
     * What the evaluation says should not be trusted as is: the model ranking customers worse (lower AUC on the
     * evaluation snapshot) than the logistic-regression baseline, a gradient boost in particular when its trees
     * are too few or too shallow for the data. Empty when there is nothing to warn about; part of {@link #report()}.
     */
    public List<String> warnings() {
        if (forest.auc() < logistic.auc()) {
            return List.of(String.format(Locale.ROOT, "the %s ranks worse than the logistic-regression baseline "
                    + "(AUC %.4f < %.4f): %s", forest.model(), forest.auc(), logistic.auc(),
                    forest.model().contains("boost") ? "try --algorithm forest, or more --trees / a larger "
                            + "--max-depth" : "check the features and the amount of training data"));
        }
        return List.of();
    }

    /** @return a multi-line, human-readable report of all of it */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "churn model: trained as of %s, calibrated as of %s, evaluated out of "
                + "time as of %s (horizon %d days)%n", trainAsOf, calibrationAsOf, evaluationAsOf, horizonDays));
        b.append(String.format(Locale.ROOT, "  train %d rows (churn %.1f%%), calibration %d customers, "
                + "evaluation %d customers (churn %.1f%%)%n", trainRows, 100 * trainChurnRate, calibrationRows,
                evaluationRows, 100 * evaluationChurnRate));
        appendStep(b, "evaluated model", evaluated);
        appendStep(b, deployed == evaluated || deployed.equals(evaluated) ? "written model (the evaluated one)"
                : "written model (refit)", deployed);
        b.append(String.format(Locale.ROOT, "  %-28s %7s %7s %7s %7s%n", "model", "AUC", "PR-AUC", "Brier",
                "lift@10"));
        for (ModelMetrics m : List.of(forest, calibrated, logistic, recency)) {
            b.append(String.format(Locale.ROOT, "  %-28s %7.4f %7.4f %7.4f %7.2f%n", m.model(), m.auc(), m.prAuc(),
                    m.brier(), m.topDecileLift()));
        }
        for (String warning : warnings()) {
            b.append("  warning: ").append(warning).append('\n');
        }
        b.append(String.format(Locale.ROOT, "  calibration %s on the evaluation outcomes: Brier %.4f before, %.4f "
                + "after; ECE %.4f before, %.4f after%n", calibration.name().toLowerCase(Locale.ROOT), forest.brier(),
                calibrated.brier(), ece(), calibratedEce()));
        appendReliability(b, "before calibration", reliability);
        appendReliability(b, "after calibration", calibratedReliability);
        b.append("  permutation importance (AUC drop):\n");
        for (FeatureImportance f : importance) {
            b.append(String.format(Locale.ROOT, "    %-28s %+.4f%n", f.feature(), f.aucDrop()));
        }
        return b.toString();
    }

    private static void appendStep(StringBuilder b, String title, Step s) {
        b.append(String.format(Locale.ROOT, "  %s: trained on %s (%d rows, churn %.1f%%): %s%n", title, s.window(),
                s.trainRows(), 100 * s.trainChurnRate(), s.trainSnapshots()));
        StringBuilder briers = new StringBuilder();
        s.calibrationBrier().forEach((m, v) -> briers.append(briers.length() == 0 ? "" : ", ")
                .append(m.name().toLowerCase(Locale.ROOT)).append(' ')
                .append(Double.isInfinite(v) ? "failed" : String.format(Locale.ROOT, "%.4f", v)));
        b.append(String.format(Locale.ROOT, "    calibration %s fitted on %s (%d customers, %s); cross-fitted Brier: "
                + "%s%n", s.calibration().name().toLowerCase(Locale.ROOT), s.calibrationAsOf(), s.calibrationRows(),
                s.crossFitted() ? ChurnModel.CROSS_FIT_FOLDS + "-fold cross-fitting by customer"
                        : "scored out of time by the trained model", briers));
        for (String note : s.notes()) {
            b.append("    note: ").append(note).append('\n');
        }
    }

    private static void appendReliability(StringBuilder b, String title, List<ReliabilityBin> bins) {
        b.append("  reliability ").append(title).append(String.format(Locale.ROOT,
                " (ECE %.4f): predicted → observed (n)%n", ece(bins)));
        for (ReliabilityBin r : bins) {
            b.append(String.format(Locale.ROOT, "    [%.1f, %.1f) %.3f → %.3f (%d)%n", r.from(), r.to(),
                    r.meanPredicted(), r.observedRate(), r.count()));
        }
    }
}
