package dev.bookstore.ml;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A monotone map from the forest's raw score to a calibrated probability: none (identity), Platt scaling
 * ({@code 1 / (1 + exp(alpha·s + beta))}, fitted by Newton's method with a backtracking line search on Platt's
 * smoothed targets, after Lin, Lin and Weng 2007) or isotonic regression (a non-decreasing step function fitted by
 * pool-adjacent-violators). Immutable.
 *
 * <p><b>Never exactly 0 or 1.</b> A probability of exactly 0 or 1 claims a certainty no finite sample supports (and
 * a block of isotonic regression in which every customer churned would otherwise say 1 for all of them). So
 * isotonic regression is fitted, like Platt scaling, on Platt's smoothed targets {@code (n₁ + 1) / (n₁ + 2)} for a
 * 1 and {@code 1 / (n₀ + 2)} for a 0 (n₁, n₀ the calibration rows of each outcome): each block's value is
 * {@code lo + (hi − lo) × its churn rate}, strictly between 0 and 1, and the order of the blocks is unchanged. And
 * every method's output, the uncalibrated score's too, is clipped to [{@value #MIN_PROBABILITY},
 * 1 − {@value #MIN_PROBABILITY}].
 *
 * <p>Platt scaling is fitted here rather than by Smile's {@code PlattScaling}: Smile's port of the same algorithm
 * logs {@code [ERROR] PlattScaling - Line search fails.} to the application's log whenever the line search stops
 * short — usually at the optimum, because its absolute gradient tolerance is out of reach on tens of thousands of
 * rows — and gives no way to tell a real failure from that. This fit uses a tolerance relative to the row count,
 * reports a real failure to its caller (who falls back and says so) and never logs.
 */
final class Calibrator {
    /** The smallest probability returned (and 1 minus it the largest): never exactly 0 or 1. */
    static final double MIN_PROBABILITY = 1e-6;

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
        return select(ChurnOptions.Calibration.AUTO, s, y).calibrator();
    }

    /**
     * The calibration to use and why: for AUTO the method with the lowest two-fold cross-fitted Brier score (NONE
     * unless a method lowers it), refitted on all rows; for a forced method that method, or NONE when it cannot be
     * fitted (a Platt fit that does not converge) — said in the notes, never logged.
     *
     * @param requested AUTO or the method to fit
     * @param s raw scores (out of sample for the model that produced them)
     * @param y 0/1 outcomes
     */
    static Choice select(ChurnOptions.Calibration requested, double[] s, int[] y) {
        List<String> notes = new ArrayList<>();
        java.util.Map<ChurnOptions.Calibration, Double> briers = new java.util.LinkedHashMap<>();
        List<ChurnOptions.Calibration> candidates = requested == ChurnOptions.Calibration.AUTO
                ? List.of(ChurnOptions.Calibration.NONE, ChurnOptions.Calibration.PLATT,
                        ChurnOptions.Calibration.ISOTONIC)
                : List.of(ChurnOptions.Calibration.NONE, requested);
        for (ChurnOptions.Calibration m : candidates) {
            briers.put(m, crossFittedBrier(m, s, y, notes));
        }
        ChurnOptions.Calibration best = ChurnOptions.Calibration.NONE;
        if (requested == ChurnOptions.Calibration.AUTO) {
            for (ChurnOptions.Calibration m : candidates) {
                if (briers.get(m) < briers.get(best) - 1e-12) {
                    best = m;
                }
            }
        } else {
            best = requested;
        }
        Calibrator chosen;
        try {
            chosen = fit(best, s, y);
        } catch (PlattFailure e) {
            notes.add("platt scaling failed on all rows (" + e.getMessage() + "); fell back to none");
            chosen = none();
        }
        return new Choice(chosen, briers, notes);
    }

    /**
     * A chosen calibration with the cross-fitted Brier score of each method tried (infinite when it could not be
     * fitted) and notes on what went wrong and what was done instead.
     */
    record Choice(Calibrator calibrator, java.util.Map<ChurnOptions.Calibration, Double> crossFittedBrier,
                  List<String> notes) {
        Choice {
            crossFittedBrier = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(crossFittedBrier));
            notes = List.copyOf(notes);
        }
    }

    private static double crossFittedBrier(ChurnOptions.Calibration m, double[] s, int[] y, List<String> notes) {
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
            } catch (PlattFailure | BookstoreException e) {
                notes.add(m.name().toLowerCase(Locale.ROOT) + " could not be fitted in cross-fitting ("
                        + e.getMessage() + "); not used");
                return Double.POSITIVE_INFINITY;
            }
            for (int i : testRows) {
                double p = c.apply(s[i]);
                sum += (p - y[i]) * (p - y[i]);
            }
        }
        return sum / s.length;
    }

    /**
     * Platt scaling by Newton's method with backtracking (Lin, Lin and Weng 2007, "A note on Platt's probabilistic
     * outputs for support vector machines", algorithm 3): minimises the cross-entropy of
     * {@code 1 / (1 + exp(alpha·s + beta))} against Platt's smoothed targets {@code (n₁ + 1) / (n₁ + 2)} and
     * {@code 1 / (n₀ + 2)}. Converged when the gradient per row is below 1e-9 or a step no longer lowers the loss
     * while the gradient per row is below 1e-6.
     *
     * @throws PlattFailure when it does not converge (the caller falls back)
     */
    static Calibrator fitPlatt(double[] s, int[] y) {
        requireBothOutcomes(y);
        int n = s.length;
        double n1 = Arrays.stream(y).sum();
        double n0 = n - n1;
        double hi = (n1 + 1) / (n1 + 2);
        double lo = 1 / (n0 + 2);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = y[i] == 1 ? hi : lo;
        }
        double a = 0;
        double b = Math.log((n0 + 1) / (n1 + 1));
        double loss = plattLoss(s, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double h11 = 1e-12;
            double h22 = 1e-12;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double z = s[i] * a + b;
                double p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
                double q = 1 - p;
                double d2 = p * q;
                h11 += s[i] * s[i] * d2;
                h22 += d2;
                h21 += s[i] * d2;
                double d1 = t[i] - p;
                g1 += s[i] * d1;
                g2 += d1;
            }
            double gradient = Math.max(Math.abs(g1), Math.abs(g2)) / n;
            if (gradient < 1e-9) {
                return platt(a, b);
            }
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det;
            double db = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * da + g2 * db;
            double step = 1;
            boolean moved = false;
            while (step >= 1e-10) {
                double na = a + step * da;
                double nb = b + step * db;
                double nl = plattLoss(s, t, na, nb);
                if (nl < loss + 1e-4 * step * gd) {
                    a = na;
                    b = nb;
                    loss = nl;
                    moved = true;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                if (gradient < 1e-6) {
                    return platt(a, b);
                }
                throw new PlattFailure(String.format(Locale.ROOT,
                        "line search failed at alpha=%.4g, beta=%.4g with gradient %.2g per row", a, b, gradient));
            }
        }
        throw new PlattFailure("no convergence in 100 Newton iterations");
    }

    private static double plattLoss(double[] s, double[] t, double a, double b) {
        double loss = 0;
        for (int i = 0; i < s.length; i++) {
            double z = s[i] * a + b;
            loss += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
        }
        return loss;
    }

    /** A Platt fit that did not converge; recoverable: the caller uses another calibration and says so. */
    static final class PlattFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PlattFailure(String message) {
            super("Platt scaling: " + message);
        }
    }

    /**
     * Pool-adjacent-violators on the scores sorted ascending (equal scores are pooled first); each block's value
     * is its churn rate mapped onto Platt's smoothed targets.
     */
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
        // Platt's smoothed targets (see the class comment): the same blocks, values strictly inside (0, 1)
        double n1 = Arrays.stream(y).sum();
        double n0 = y.length - n1;
        double hiTarget = (n1 + 1) / (n1 + 2);
        double loTarget = 1 / (n0 + 2);
        double[] value = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            value[b] = loTarget + (hiTarget - loTarget) * (sum[b] / weight[b]);
        }
        return isotonic(Arrays.copyOf(hi, blocks), value);
    }

    private static void requireBothOutcomes(int[] y) {
        int pos = Arrays.stream(y).sum();
        if (y.length == 0 || pos == 0 || pos == y.length) {
            throw new InvalidArgumentException("calibration needs both outcomes among its " + y.length + " rows");
        }
    }

    /** @return the calibrated probability of a raw score, within [MIN_PROBABILITY, 1 − MIN_PROBABILITY] */
    double apply(double s) {
        double p = switch (method) {
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
        return Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, p));
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
