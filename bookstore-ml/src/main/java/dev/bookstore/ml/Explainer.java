package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The engine of {@link ChurnModel#explain}: each feature's effect is the probability minus the probability with
 * that feature set to its reference, computed with as few scorings as the trees allow. A probe (the row with one
 * feature at its reference) reaches other leaves than the row only if some tree tests that feature on the row's
 * path and the reference falls on the other side of the threshold; every other probe walks the same paths, so its
 * probability is the row's, bit for bit, and its effect is exactly 0. One walk per tree finds the features that
 * can move; only their probes are scored, all rows' probes in one batched {@link Scorer#score(double[][], double[])}.
 * Thread-safe (no state beyond the model's immutable arrays).
 */
final class Explainer {
    private static final Comparator<ChurnExplanation.Contribution> LARGEST_FIRST =
            Comparator.comparingDouble((ChurnExplanation.Contribution c) -> -Math.abs(c.effect()))
                    .thenComparing(ChurnExplanation.Contribution::feature);

    private final ChurnModel model;
    private final Scorer scorer;
    private final double[] reference;
    private final List<String> columns;

    Explainer(ChurnModel model, double[] reference) {
        this.model = model;
        this.scorer = model.scorer();
        this.reference = reference;
        this.columns = model.schema().columns();
    }

    /** The explanations of {@code rows}, in order (see {@link ChurnModel#explain(double[][], int)}). */
    List<ChurnExplanation> explain(double[][] rows, int top) {
        int p = columns.size();
        if (top < 1 || top > p) {
            throw new InvalidArgumentException("top", "explain needs 1.." + p + " contributions, got " + top);
        }
        boolean[][] moves = new boolean[rows.length][];
        int probes = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != p) {
                throw new InvalidArgumentException("feature vector " + i + " has " + rows[i].length
                        + " values; schema " + model.schema().name() + " needs " + p);
            }
            moves[i] = movable(rows[i]);
            for (boolean m : moves[i]) {
                probes += m ? 1 : 0;
            }
        }
        double[] probability = model.probabilities(rows);
        double[][] probe = new double[probes][];
        int k = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < p; j++) {
                if (moves[i][j]) {
                    probe[k] = rows[i].clone();
                    probe[k++][j] = reference[j];
                }
            }
        }
        double[] probed = model.probabilities(probe);
        List<ChurnExplanation> out = new ArrayList<>(rows.length);
        k = 0;
        for (int i = 0; i < rows.length; i++) {
            List<ChurnExplanation.Contribution> all = new ArrayList<>(p);
            for (int j = 0; j < p; j++) {
                double effect = moves[i][j] ? probability[i] - probed[k++] : 0.0;
                all.add(new ChurnExplanation.Contribution(columns.get(j), rows[i][j], reference[j], effect));
            }
            all.removeIf(c -> c.effect() == 0); // the features that matter: never padded with zero effects
            all.sort(LARGEST_FIRST);
            out.add(new ChurnExplanation(probability[i], all.subList(0, Math.min(top, all.size()))));
        }
        return out;
    }

    /**
     * Per feature, whether setting it to its reference can change a leaf reached by {@code x}: some tree tests it
     * on {@code x}'s path and {@code x} and the reference go different ways there.
     */
    private boolean[] movable(double[] x) {
        boolean[] moves = new boolean[x.length];
        int[] feature = scorer.feature();
        double[] threshold = scorer.threshold();
        int[] left = scorer.left();
        int[] right = scorer.right();
        for (int n : scorer.roots()) {
            while (feature[n] >= 0) {
                int f = feature[n];
                boolean goesLeft = x[f] <= threshold[n];
                if (goesLeft != reference[f] <= threshold[n]) {
                    moves[f] = true;
                }
                n = goesLeft ? left[n] : right[n];
            }
        }
        return moves;
    }
}
