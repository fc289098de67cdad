package dev.bookstore.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The out-of-time evaluation of a churn model: trained on the snapshot {@code trainAsOf} with the outcomes of the
 * following horizon, calibrated on the later snapshot {@code calibrationAsOf}, evaluated on the still later
 * snapshot {@code evaluationAsOf} with its outcomes — for the forest (raw and calibrated) and the two baselines
 * (recency heuristic, logistic regression), plus the forest's reliability table before and after calibration and
 * its permutation importance on the evaluation snapshot.
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
 * @param calibrationAsOf snapshot the calibration was fitted on (between training and evaluation)
 * @param calibrationRows calibration customers
 * @param calibration the calibration method used (never AUTO: the one AUTO chose)
 * @param calibrated the calibrated forest's metrics on the evaluation snapshot
 * @param calibratedReliability the calibrated forest's reliability table
 */
public record ChurnEvaluation(LocalDate trainAsOf, LocalDate evaluationAsOf, int horizonDays, int trainRows,
                              int evaluationRows, double trainChurnRate, double evaluationChurnRate,
                              ModelMetrics forest, ModelMetrics logistic, ModelMetrics recency,
                              List<ReliabilityBin> reliability, List<FeatureImportance> importance,
                              LocalDate calibrationAsOf, int calibrationRows, ChurnOptions.Calibration calibration,
                              ModelMetrics calibrated, List<ReliabilityBin> calibratedReliability) {
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
     */
    public ChurnEvaluation {
        reliability = List.copyOf(reliability);
        calibratedReliability = List.copyOf(calibratedReliability);
        importance = List.copyOf(importance);
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

    /** @return a multi-line, human-readable report of all of it */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "churn model: trained as of %s, calibrated as of %s, evaluated out of "
                + "time as of %s (horizon %d days)%n", trainAsOf, calibrationAsOf, evaluationAsOf, horizonDays));
        b.append(String.format(Locale.ROOT, "  train %d customers (churn %.1f%%), calibration %d customers, "
                + "evaluation %d customers (churn %.1f%%)%n", trainRows, 100 * trainChurnRate, calibrationRows,
                evaluationRows, 100 * evaluationChurnRate));
        b.append(String.format(Locale.ROOT, "  %-28s %7s %7s %7s %7s%n", "model", "AUC", "PR-AUC", "Brier",
                "lift@10"));
        for (ModelMetrics m : List.of(forest, calibrated, logistic, recency)) {
            b.append(String.format(Locale.ROOT, "  %-28s %7.4f %7.4f %7.4f %7.2f%n", m.model(), m.auc(), m.prAuc(),
                    m.brier(), m.topDecileLift()));
        }
        b.append(String.format(Locale.ROOT, "  calibration %s: Brier %.4f before, %.4f after%n",
                calibration.name().toLowerCase(Locale.ROOT), forest.brier(), calibrated.brier()));
        appendReliability(b, "before calibration", reliability);
        appendReliability(b, "after calibration", calibratedReliability);
        b.append("  permutation importance (AUC drop):\n");
        for (FeatureImportance f : importance) {
            b.append(String.format(Locale.ROOT, "    %-28s %+.4f%n", f.feature(), f.aucDrop()));
        }
        return b.toString();
    }

    private static void appendReliability(StringBuilder b, String title, List<ReliabilityBin> bins) {
        b.append("  reliability ").append(title).append(": predicted → observed (n)\n");
        for (ReliabilityBin r : bins) {
            b.append(String.format(Locale.ROOT, "    [%.1f, %.1f) %.3f → %.3f (%d)%n", r.from(), r.to(),
                    r.meanPredicted(), r.observedRate(), r.count()));
        }
    }
}
