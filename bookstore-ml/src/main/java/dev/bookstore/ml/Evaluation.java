package dev.bookstore.ml;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Binary-classification metrics over probabilities and 0/1 outcomes (1 = churned). */
final class Evaluation {
    private Evaluation() {
    }

    /** Area under the ROC curve (Mann-Whitney, ties counted half). */
    static double auc(double[] p, int[] y) {
        Integer[] order = order(p);
        double[] rank = new double[p.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            i = j + 1;
        }
        double pos = 0;
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1) {
                pos++;
                sum += rank[i];
            }
        }
        double neg = y.length - pos;
        return pos == 0 || neg == 0 ? 0.5 : (sum - pos * (pos + 1) / 2) / (pos * neg);
    }

    /** Area under the precision-recall curve as average precision. */
    static double prAuc(double[] p, int[] y) {
        Integer[] order = order(p);
        double pos = Arrays.stream(y).sum();
        if (pos == 0) {
            return 0;
        }
        double tp = 0;
        double ap = 0;
        for (int k = order.length - 1, seen = 0; k >= 0; k--) {
            seen++;
            if (y[order[k]] == 1) {
                tp++;
                ap += tp / seen;
            }
        }
        return ap / pos;
    }

    static double brier(double[] p, int[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return s / p.length;
    }

    /** Churn rate among the 10% highest scores over the overall rate. */
    static double topDecileLift(double[] p, int[] y) {
        Integer[] order = order(p);
        int n = Math.max(1, p.length / 10);
        double hit = 0;
        for (int k = order.length - 1; k >= order.length - n; k--) {
            hit += y[order[k]];
        }
        double base = (double) Arrays.stream(y).sum() / y.length;
        return base == 0 ? 0 : (hit / n) / base;
    }

    static ChurnEvaluation.ModelMetrics metrics(String name, double[] p, int[] y) {
        return new ChurnEvaluation.ModelMetrics(name, auc(p, y), prAuc(p, y), brier(p, y), topDecileLift(p, y));
    }

    /** Ten equal-width probability bins. */
    static java.util.List<ChurnEvaluation.ReliabilityBin> reliability(double[] p, int[] y) {
        int bins = 10;
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, (int) (p[i] * bins));
            sumP[b] += p[i];
            sumY[b] += y[i];
            count[b]++;
        }
        java.util.List<ChurnEvaluation.ReliabilityBin> out = new java.util.ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new ChurnEvaluation.ReliabilityBin((double) b / bins, (double) (b + 1) / bins, count[b],
                        sumP[b] / count[b], sumY[b] / count[b]));
            }
        }
        return java.util.List.copyOf(out);
    }

    /** AUC drop when each feature's column is shuffled on the holdout (seeded). */
    static java.util.List<ChurnEvaluation.FeatureImportance> permutationImportance(FeatureSchema schema,
            double[][] x, int[] y, java.util.function.Function<double[][], double[]> model, long seed) {
        double base = auc(model.apply(x), y);
        java.util.List<ChurnEvaluation.FeatureImportance> out = new java.util.ArrayList<>();
        Random random = new Random(seed);
        for (int f = 0; f < schema.size(); f++) {
            double[][] copy = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                copy[i] = x[i].clone();
            }
            for (int i = copy.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = copy[i][f];
                copy[i][f] = copy[j][f];
                copy[j][f] = t;
            }
            out.add(new ChurnEvaluation.FeatureImportance(schema.columns().get(f), base - auc(model.apply(copy), y)));
        }
        out.sort(Comparator.comparingDouble(ChurnEvaluation.FeatureImportance::aucDrop).reversed());
        return java.util.List.copyOf(out);
    }

    static double[] score(double[][] x, ToDoubleFunction<double[]> model) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = model.applyAsDouble(x[i]);
        }
        return p;
    }

    static double[] map(double[] s, java.util.function.DoubleUnaryOperator f) {
        double[] p = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = f.applyAsDouble(s[i]);
        }
        return p;
    }

    private static Integer[] order(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }
}
