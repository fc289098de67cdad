package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Monitoring of a churn model: population stability index (PSI) of each feature and of the score between the
 * model's training snapshot and a current snapshot, and the realised AUC on the latest snapshot whose outcome
 * window has fully passed by the current day. Common reading of PSI: below 0.1 stable, 0.1–0.25 shifting, above
 * 0.25 shifted. A check can be stored per run in the warehouse's META layer ({@link #store}) and read back as a
 * history ({@link #history}).
 *
 * <pre>{@code
 * ModelHealth h = ModelHealth.check(wh, ModelFile.read(path), LocalDate.now());
 * if (h.scorePsi() > 0.25) { ... retrain ... }
 * h.store(wh);
 * List<ModelHealthRun> runs = ModelHealth.history(wh);
 * }</pre>
 *
 * @param modelKind what the model predicts, e.g. {@code churn}
 * @param modelFingerprint the model's fingerprint ({@link ChurnModel#fingerprint()}: the SHA-256 its file ends with)
 * @param trainAsOf the model's training snapshot
 * @param asOf the current snapshot
 * @param features PSI per feature, largest first
 * @param scorePsi PSI of the (calibrated) churn probability
 * @param realisedAuc AUC of the model's scores as of {@code asOf − horizon} against the outcomes up to
 *     {@code asOf}; empty when that snapshot has no customers or only one outcome
 */
public record ModelHealth(String modelKind, String modelFingerprint, LocalDate trainAsOf, LocalDate asOf, List<FeaturePsi> features, double scorePsi,
                          OptionalDouble realisedAuc) {
    private static final int BINS = 10;
    private static final double EPSILON = 1e-4;

    /**
     * Copies the list.
     *
     * @param modelKind what the model predicts
     * @param modelFingerprint the model's fingerprint
     * @param trainAsOf the model's training snapshot
     * @param asOf the current snapshot
     * @param features PSI per feature
     * @param scorePsi PSI of the (calibrated) churn probability
     * @param realisedAuc realised AUC, when measurable
     */
    public ModelHealth {
        Objects.requireNonNull(modelKind, "modelKind");
        Objects.requireNonNull(modelFingerprint, "modelFingerprint");
        features = List.copyOf(features);
    }

    /**
     * One feature's drift.
     *
     * @param feature the feature name
     * @param psi its population stability index
     */
    public record FeaturePsi(String feature, double psi) {
    }

    /**
     * Measures drift and realised performance.
     *
     * @param wh the warehouse the model was trained on (or one with the same marts)
     * @param model a trained or loaded churn model
     * @param asOf the current day
     * @return the health report
     */
    public static ModelHealth check(Warehouse wh, ChurnModel model, LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Features features = Features.of(wh);
        FeatureSchema schema = model.schema();
        LocalDate trainAsOf = model.metadata().trainAsOf();
        double[][] base = features.asOf(trainAsOf).matrix();
        double[][] now = features.asOf(asOf).matrix();
        List<FeaturePsi> psis = new ArrayList<>();
        for (int j = 0; j < schema.size(); j++) {
            psis.add(new FeaturePsi(schema.columns().get(j), psi(column(base, j), column(now, j))));
        }
        psis.sort((a, b) -> Double.compare(b.psi(), a.psi()));
        double scorePsi = psi(model.probabilities(base), model.probabilities(now));

        int h = model.metadata().horizonDays();
        LocalDate outcomeSnapshot = asOf.minusDays(h);
        FeatureTable past = features.asOf(outcomeSnapshot);
        java.util.Set<String> buyers = features.buyersAfter(outcomeSnapshot, h);
        int[] y = new int[past.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = buyers.contains(past.customerIds().get(i)) ? 0 : 1;
        }
        int churned = Arrays.stream(y).sum();
        OptionalDouble auc = y.length == 0 || churned == 0 || churned == y.length ? OptionalDouble.empty()
                : OptionalDouble.of(Evaluation.auc(model.probabilities(past.matrix()), y));
        return new ModelHealth(model.metadata().kind(), model.fingerprint(), trainAsOf, asOf, psis, scorePsi, auc);
    }

    /**
     * Stores this check as a run in the warehouse's META layer (tables model_health_runs, model_health_features).
     *
     * @param wh an initialised warehouse (schema version 5 or later)
     * @return the stored run, with its id and time
     */
    public ModelHealthRun store(Warehouse wh) {
        return store(wh, java.time.Instant.now());
    }

    /**
     * Stores this check as a run recorded at a given time.
     *
     * @param wh an initialised warehouse (schema version 5 or later)
     * @param at the run's time (kept to the microsecond)
     * @return the stored run
     */
    public ModelHealthRun store(Warehouse wh, java.time.Instant at) {
        return new HealthLog(wh).insert(this, Objects.requireNonNull(at, "at"));
    }

    /**
     * Every stored run, oldest first.
     *
     * @param wh an initialised warehouse
     * @return the runs, each with its features' PSI in stored order (largest first); empty when none was stored
     */
    public static List<ModelHealthRun> history(Warehouse wh) {
        return new HealthLog(wh).history();
    }

    /** @return a multi-line, human-readable report */
    public String report() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "model health as of %s (%s model %s, trained as of %s)%n  score PSI %.4f%n  realised AUC %s%n  feature PSI:%n",
                asOf, modelKind, modelFingerprint.substring(0, Math.min(12, modelFingerprint.length())), trainAsOf,
                scorePsi, realisedAuc.isPresent()
                        ? String.format(Locale.ROOT, "%.4f", realisedAuc.getAsDouble()) : "not yet measurable"));
        for (FeaturePsi f : features) {
            b.append(String.format(Locale.ROOT, "    %-28s %.4f%n", f.feature(), f.psi()));
        }
        return b.toString();
    }

    private static double[] column(double[][] x, int j) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i][j];
        }
        return c;
    }

    /** PSI over the baseline's decile bins (distinct edges only, so discrete features get fewer bins). */
    static double psi(double[] baseline, double[] current) {
        if (baseline.length == 0 || current.length == 0) {
            return 0;
        }
        double[] sorted = baseline.clone();
        Arrays.sort(sorted);
        double[] edges = Arrays.stream(java.util.stream.IntStream.range(1, BINS)
                .mapToDouble(q -> sorted[(int) ((long) q * (sorted.length - 1) / BINS)]).toArray()).distinct().toArray();
        double[] pb = histogram(baseline, edges);
        double[] pc = histogram(current, edges);
        double psi = 0;
        for (int i = 0; i < pb.length; i++) {
            double a = Math.max(pb[i], EPSILON);
            double e = Math.max(pc[i], EPSILON);
            psi += (e - a) * Math.log(e / a);
        }
        return psi;
    }

    private static double[] histogram(double[] x, double[] edges) {
        double[] h = new double[edges.length + 1];
        for (double v : x) {
            int bin = Arrays.binarySearch(edges, v);
            bin = bin >= 0 ? bin : -bin - 1;
            h[bin]++;
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= x.length;
        }
        return h;
    }
}
