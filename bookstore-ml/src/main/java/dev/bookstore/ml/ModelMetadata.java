package dev.bookstore.ml;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a model file records about how its model was made: the snapshots, the outcome window, a fingerprint of
 * the training data and the headline evaluation metrics.
 *
 * <pre>{@code
 * ModelMetadata m = ModelFile.read(path).metadata();
 * double auc = m.metrics().get("forest_auc");
 * }</pre>
 *
 * @param kind what the model predicts, e.g. {@code churn}
 * @param trainAsOf snapshot the model was trained on
 * @param evaluationAsOf later snapshot it was evaluated on
 * @param horizonDays outcome window in days
 * @param trainRows number of training rows
 * @param dataFingerprint SHA-256 (hex) of the training feature table
 * @param metrics named evaluation figures (forest_auc, forest_pr_auc, forest_brier, logistic_auc, recency_auc, ...)
 */
public record ModelMetadata(String kind, LocalDate trainAsOf, LocalDate evaluationAsOf, int horizonDays,
                            int trainRows, String dataFingerprint, Map<String, Double> metrics) {
    /**
     * Copies the metrics, keeping their order.
     *
     * @param kind what the model predicts
     * @param trainAsOf snapshot the model was trained on
     * @param evaluationAsOf later snapshot it was evaluated on
     * @param horizonDays outcome window in days
     * @param trainRows number of training rows
     * @param dataFingerprint SHA-256 (hex) of the training feature table
     * @param metrics named evaluation figures
     */
    public ModelMetadata {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}
