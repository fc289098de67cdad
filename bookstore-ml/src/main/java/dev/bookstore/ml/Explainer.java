package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine of {@link ChurnModel#explain}: each feature's effect is the calibrated probability minus the calibrated
 * probability with that feature set to its reference (the training median), the others unchanged — computed without
 * scoring a single probe. A probe (the row with feature f at its reference) leaves the row's path in a tree only at
 * the first node of that path that tests f with the value and the reference on different sides; from there it walks
 * the other subtree. So the row's walk of each tree, plus one partial walk per feature that diverges on the path,
 * gives every probe's change of the sum over trees ({@link FlatForest#probes}: branch-free, many walks in flight at
 * once, as in scoring); the probe's probability is the model's transform of that sum (the soft vote or the boost's
 * logistic, then the calibration). A feature that diverges on no path changes no leaf: its effect is exactly 0 and
 * it is left out.
 *
 * <p>Allocation: the result only (the explanation, its list and its contributions); the working arrays are per
 * thread and reused. Thread-safe (no state beyond the model's immutable arrays and the per-thread scratch).
 */
final class Explainer {
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private final FeatureSchema schema;
    private final Scorer scorer;
    private final FlatForest flat;
    private final Calibrator calibrator;
    private final double[] reference;
    private final List<String> columns;

    Explainer(FeatureSchema schema, Scorer scorer, Calibrator calibrator, double[] reference) {
        this.schema = schema;
        this.scorer = scorer;
        this.flat = scorer.flat();
        this.calibrator = calibrator;
        this.reference = reference;
        this.columns = schema.columns();
    }

    /** The explanations of {@code rows}, in order (see {@link ChurnModel#explain(double[][], int)}). */
    List<ChurnExplanation> explain(double[][] rows, int top) {
        checkTop(top);
        for (int i = 0; i < rows.length; i++) {
            checkLength(rows[i], i);
        }
        Work w = work(top);
        List<ChurnExplanation> out = new ArrayList<>(rows.length);
        for (double[] x : rows) {
            out.add(explain(x, top, w));
        }
        return out;
    }

    /** The explanation of one row (see {@link ChurnModel#explain(double[], int)}). */
    ChurnExplanation explain(double[] x, int top) {
        checkTop(top);
        checkLength(x, 0);
        return explain(x, top, work(top));
    }

    private void checkTop(int top) {
        int p = columns.size();
        if (top < 1 || top > p) {
            throw new InvalidArgumentException("top", "explain needs 1.." + p + " contributions, got " + top);
        }
    }

    private void checkLength(double[] x, int i) {
        if (x.length != columns.size()) {
            throw new InvalidArgumentException("feature vector " + i + " has " + x.length + " values; schema "
                    + schema.name() + " needs " + columns.size());
        }
    }

    private Work work(int top) {
        Work w = WORK.get();
        w.ensure(columns.size(), top);
        return w;
    }

    private ChurnExplanation explain(double[] x, int top, Work w) {
        int p = x.length;
        double[] delta = w.delta;
        double[] effect = w.effect;
        int[] best = w.best;
        Arrays.fill(delta, 0, p, 0.0);
        double sum = flat.probes(x, reference, scorer.start(), delta, w.probes);
        double probability = calibrator.apply(scorer.probability(sum));
        // the top effects by absolute size, largest first, ties by feature name; effects of exactly 0 left out
        int found = 0;
        for (int j = 0; j < p; j++) {
            double e = delta[j] == 0.0 ? 0.0 : probability - calibrator.apply(scorer.probability(sum + delta[j]));
            effect[j] = e;
            if (e == 0.0 || (found == top && !before(j, best[top - 1], effect))) {
                continue;
            }
            int at = found < top ? found++ : top - 1;
            while (at > 0 && before(j, best[at - 1], effect)) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = j;
        }
        ChurnExplanation.Contribution[] contributions = new ChurnExplanation.Contribution[found];
        for (int k = 0; k < found; k++) {
            int j = best[k];
            contributions[k] = new ChurnExplanation.Contribution(columns.get(j), x[j], reference[j], effect[j]);
        }
        return new ChurnExplanation(probability, List.of(contributions));
    }

    /** Whether feature a ranks before feature b: larger absolute effect, then the smaller name. */
    private boolean before(int a, int b, double[] effect) {
        double ea = Math.abs(effect[a]);
        double eb = Math.abs(effect[b]);
        return ea > eb || (ea == eb && columns.get(a).compareTo(columns.get(b)) < 0);
    }

    /** Per-thread working arrays, grown to the largest schema and {@code top} seen. */
    private static final class Work {
        final FlatForest.ProbeWork probes = new FlatForest.ProbeWork();
        double[] delta = new double[0];
        double[] effect = new double[0];
        int[] best = new int[0];

        void ensure(int p, int top) {
            if (delta.length < p) {
                delta = new double[p];
                effect = new double[p];
            }
            if (best.length < top) {
                best = new int[top];
            }
        }
    }
}
