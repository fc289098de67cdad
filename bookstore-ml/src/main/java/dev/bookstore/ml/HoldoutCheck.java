package dev.bookstore.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.regression.RandomForest;

/** Computes a {@link ClvHoldout}: bucket tables, and spend predictions of the CLV models and the baselines. */
final class HoldoutCheck {
    static final int TOP_BUCKET = 7;
    private static final String[] FEATURES = {"frequency", "recency", "age", "monetary", "repeat_value"};

    private HoldoutCheck() {
    }

    static ClvHoldout run(Clv clv, RfmSummary evaluation, RfmSummary training) {
        double weeks = weeks(evaluation);
        List<RfmSummary.Customer> cs = evaluation.customers();
        int n = cs.size();
        Map<String, double[]> purchases = new LinkedHashMap<>();
        for (PurchaseModel m : clv.purchaseModels()) {
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                RfmSummary.Customer c = cs.get(i);
                e[i] = m.expectedPurchases(weeks, c.frequency(), c.frequency() == 0 ? 0 : c.recency(), c.age());
            }
            purchases.put(m.key(), e);
        }
        List<ClvHoldout.Bucket> buckets = new ArrayList<>();
        for (int k = 0; k <= TOP_BUCKET; k++) {
            int bucket = k;
            buckets.add(bucket(k == TOP_BUCKET ? TOP_BUCKET + "+" : Integer.toString(k), cs, purchases,
                    c -> bucket == TOP_BUCKET ? c.frequency() >= TOP_BUCKET : c.frequency() == bucket));
        }
        ClvHoldout.Bucket total = bucket("all", cs, purchases, c -> true);
        double[] actual = cs.stream().mapToDouble(RfmSummary.Customer::holdoutSpend).toArray();
        List<ClvHoldout.Score> scores = new ArrayList<>();
        for (var e : purchases.entrySet()) {
            double[] predicted = new double[n];
            for (int i = 0; i < n; i++) {
                RfmSummary.Customer c = cs.get(i);
                predicted[i] = e.getValue()[i] * clv.gammaGamma().expectedAverageSpend(c.frequency(), c.monetary());
            }
            scores.add(score(e.getKey(), predicted, actual));
        }
        double[][] trainX = features(training.customers());
        double[] trainY = training.customers().stream().mapToDouble(RfmSummary.Customer::holdoutSpend).toArray();
        double[][] evalX = features(cs);
        scores.add(score("linear", linear(trainX, trainY, evalX), actual));
        scores.add(score("tree", forest(trainX, trainY, evalX), actual));
        return new ClvHoldout(weeks, buckets, total, scores);
    }

    /** Holdout length in weeks: from the dates, or (for summaries without dates) 0. */
    static double weeks(RfmSummary s) {
        if (s.calibrationEnd().isEmpty() || s.holdoutEnd().isEmpty()) {
            throw new IllegalArgumentException("the holdout check needs a summary with a holdout period "
                    + "(Clv.summary(wh, calibrationEnd, holdoutEnd))");
        }
        return java.time.temporal.ChronoUnit.DAYS.between(s.calibrationEnd().get(), s.holdoutEnd().get()) / 7.0;
    }

    private static ClvHoldout.Bucket bucket(String label, List<RfmSummary.Customer> cs, Map<String, double[]> expected,
                                            java.util.function.Predicate<RfmSummary.Customer> in) {
        int count = 0;
        double actual = 0;
        Map<String, Double> sums = new HashMap<>();
        for (int i = 0; i < cs.size(); i++) {
            if (in.test(cs.get(i))) {
                count++;
                actual += cs.get(i).holdoutPurchases();
                for (var e : expected.entrySet()) {
                    sums.merge(e.getKey(), e.getValue()[i], Double::sum);
                }
            }
        }
        int c = count;
        Map<String, Double> means = new HashMap<>();
        for (String key : expected.keySet()) {
            means.put(key, c == 0 ? 0 : sums.getOrDefault(key, 0.0) / c);
        }
        return new ClvHoldout.Bucket(label, c, c == 0 ? 0 : actual / c, means);
    }

    static ClvHoldout.Score score(String method, double[] predicted, double[] actual) {
        int n = actual.length;
        double abs = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = predicted[i] - actual[i];
            abs += Math.abs(d);
            sq += d * d;
        }
        double spearman = n > 2 ? new SpearmansCorrelation().correlation(predicted, actual) : Double.NaN;
        return new ClvHoldout.Score(method, abs / n, Math.sqrt(sq / n), spearman, topDecileShare(predicted, actual));
    }

    /** Share of the actual total bought by the ⌈n/10⌉ customers with the highest predictions (ties by index). */
    static double topDecileShare(double[] predicted, double[] actual) {
        int n = actual.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> predicted[j] != predicted[i] ? Double.compare(predicted[j], predicted[i])
                : Integer.compare(i, j));
        double total = Arrays.stream(actual).sum();
        double top = 0;
        for (int k = 0; k < (n + 9) / 10; k++) {
            top += actual[order[k]];
        }
        return total == 0 ? 0 : top / total;
    }

    static double[][] features(List<RfmSummary.Customer> cs) {
        double[][] x = new double[cs.size()][];
        for (int i = 0; i < x.length; i++) {
            RfmSummary.Customer c = cs.get(i);
            x[i] = new double[] {c.frequency(), c.recency(), c.age(), c.monetary(), c.frequency() * c.monetary()};
        }
        return x;
    }

    /** Ordinary least squares (commons-math3) with an intercept; the training mean if the design is singular. */
    static double[] linear(double[][] trainX, double[] trainY, double[][] evalX) {
        double mean = Arrays.stream(trainY).average().orElse(0);
        double[] beta;
        try {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(trainY, trainX);
            beta = ols.estimateRegressionParameters();
        } catch (IllegalArgumentException e) { // includes SingularMatrixException
            return evalX.length == 0 ? new double[0] : filled(evalX.length, mean);
        }
        double[] out = new double[evalX.length];
        for (int i = 0; i < evalX.length; i++) {
            double y = beta[0];
            for (int j = 0; j < evalX[i].length; j++) {
                y += beta[j + 1] * evalX[i][j];
            }
            out[i] = y;
        }
        return out;
    }

    /** A random forest regression (Smile 2.6, 100 trees, fixed seeds). */
    static double[] forest(double[][] trainX, double[] trainY, double[][] evalX) {
        DataFrame train = DataFrame.of(trainX, FEATURES).merge(DoubleVector.of("spend", trainY));
        RandomForest rf = RandomForest.fit(Formula.lhs("spend"), train, 100, 2, 8, 64, 10, 1.0,
                LongStream.range(1, 101));
        DataFrame test = DataFrame.of(evalX, FEATURES);
        double[] out = new double[evalX.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rf.predict(test.get(i));
        }
        return out;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
