package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import smile.classification.PlattScaling;

/**
 * A monotone map from the forest's raw score to a calibrated probability: none (identity), Platt scaling
 * ({@code 1 / (1 + exp(alpha·s + beta))}, fitted by Smile's {@link PlattScaling}) or isotonic regression (a
 * non-decreasing step function fitted by pool-adjacent-violators). Immutable.
 */
final class Calibrator {
    private final ChurnOptions.Calibration method;
    private final double alpha;
    private final double beta;
    /** Isotonic: the highest score of each block, ascending. */
    private final double[] upper;
    /** Isotonic: each block's probability, non-decreasing. */
    private final double[] value;

    private Calibrator(ChurnOptions.Calibration method, double alpha, double beta, double[] upper, double[] value) {
        this.method = method;
        this.alpha = alpha;
        this.beta = beta;
        this.upper = upper;
        this.value = value;
    }

    static Calibrator none() {
        return new Calibrator(ChurnOptions.Calibration.NONE, 0, 0, new double[0], new double[0]);
    }

    static Calibrator platt(double alpha, double beta) {
        if (!Double.isFinite(alpha) || !Double.isFinite(beta)) {
            throw new InvalidArgumentException("Platt scaling needs finite parameters, got alpha=" + alpha + ", beta="
                    + beta);
        }
        return new Calibrator(ChurnOptions.Calibration.PLATT, alpha, beta, new double[0], new double[0]);
    }

    static Calibrator isotonic(double[] upper, double[] value) {
        if (upper.length == 0 || upper.length != value.length) {
            throw new InvalidArgumentException("isotonic calibration needs as many block bounds as values (at least "
                    + "one), got " + upper.length + " and " + value.length);
        }
        for (int i = 0; i < upper.length; i++) {
            if (!(value[i] >= 0 && value[i] <= 1) || (i > 0 && (upper[i] <= upper[i - 1] || value[i] < value[i - 1]))) {
                throw new InvalidArgumentException("isotonic calibration block " + i
                        + " is not ascending or not a probability");
            }
        }
        return new Calibrator(ChurnOptions.Calibration.ISOTONIC, 0, 0, upper.clone(), value.clone());
    }

    /** Fits the given method (not AUTO) on raw scores and 0/1 outcomes. */
    static Calibrator fit(ChurnOptions.Calibration method, double[] s, int[] y) {
        return switch (method) {
            case NONE -> none();
            case PLATT -> fitPlatt(s, y);
            case ISOTONIC -> fitIsotonic(s, y);
            case AUTO -> throw new IllegalArgumentException("AUTO is chosen by ChurnModel, not fitted");
        };
    }

    /**
     * Picks NONE, PLATT or ISOTONIC by two-fold cross-fitted Brier score on the calibration rows (fitted on one
     * half, scored on the other, both ways), then refits the winner on all rows.
     */
    static Calibrator choose(double[] s, int[] y) {
        ChurnOptions.Calibration best = ChurnOptions.Calibration.NONE;
        double bestBrier = Double.POSITIVE_INFINITY;
        for (ChurnOptions.Calibration m : List.of(ChurnOptions.Calibration.NONE, ChurnOptions.Calibration.PLATT,
                ChurnOptions.Calibration.ISOTONIC)) {
            double b = crossFittedBrier(m, s, y);
            if (b < bestBrier - 1e-12) {
                best = m;
                bestBrier = b;
            }
        }
        return fit(best, s, y);
    }

    private static double crossFittedBrier(ChurnOptions.Calibration m, double[] s, int[] y) {
        double sum = 0;
        for (int fold = 0; fold < 2; fold++) {
            List<Integer> fitRows = new ArrayList<>();
            List<Integer> testRows = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                (i % 2 == fold ? testRows : fitRows).add(i);
            }
            double[] fs = fitRows.stream().mapToDouble(i -> s[i]).toArray();
            int[] fy = fitRows.stream().mapToInt(i -> y[i]).toArray();
            Calibrator c;
            try {
                c = fit(m, fs, fy);
            } catch (RuntimeException e) {
                return Double.POSITIVE_INFINITY;
            }
            for (int i : testRows) {
                double p = c.apply(s[i]);
                sum += (p - y[i]) * (p - y[i]);
            }
        }
        return sum / s.length;
    }

    static Calibrator fitPlatt(double[] s, int[] y) {
        requireBothOutcomes(y);
        PlattScaling platt = PlattScaling.fit(s, y);
        // Smile keeps its parameters private; P(s) = 1 / (1 + exp(alpha·s + beta)) gives them back exactly from
        // two points: beta = logit⁻¹ at s = 0, alpha + beta at s = 1
        double beta = Math.log((1 - platt.scale(0)) / platt.scale(0));
        double alpha = Math.log((1 - platt.scale(1)) / platt.scale(1)) - beta;
        return platt(alpha, beta);
    }

    /** Pool-adjacent-violators on the scores sorted ascending; equal scores are pooled first. */
    static Calibrator fitIsotonic(double[] s, int[] y) {
        requireBothOutcomes(y);
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> s[i]));
        double[] hi = new double[s.length];
        double[] sum = new double[s.length];
        double[] weight = new double[s.length];
        int blocks = 0;
        for (int k = 0; k < order.length; k++) {
            double score = s[order[k]];
            if (blocks > 0 && hi[blocks - 1] == score) {
                sum[blocks - 1] += y[order[k]];
                weight[blocks - 1]++;
            } else {
                hi[blocks] = score;
                sum[blocks] = y[order[k]];
                weight[blocks] = 1;
                blocks++;
            }
            while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                hi[blocks - 2] = hi[blocks - 1];
                blocks--;
            }
        }
        double[] value = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            value[b] = sum[b] / weight[b];
        }
        return isotonic(Arrays.copyOf(hi, blocks), value);
    }

    private static void requireBothOutcomes(int[] y) {
        int pos = Arrays.stream(y).sum();
        if (y.length == 0 || pos == 0 || pos == y.length) {
            throw new InvalidArgumentException("calibration needs both outcomes among its " + y.length + " rows");
        }
    }

    /** @return the calibrated probability of a raw score */
    double apply(double s) {
        return switch (method) {
            case NONE, AUTO -> s;
            case PLATT -> {
                double z = alpha * s + beta;
                yield z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
            }
            case ISOTONIC -> {
                int i = Arrays.binarySearch(upper, s);
                i = i >= 0 ? i : Math.min(upper.length - 1, -i - 1);
                yield value[i];
            }
        };
    }

    ChurnOptions.Calibration method() {
        return method;
    }

    double alpha() {
        return alpha;
    }

    double beta() {
        return beta;
    }

    double[] upper() {
        return upper.clone();
    }

    double[] value() {
        return value.clone();
    }
}
