package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import smile.base.cart.SplitRule;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/** The compiled scorer against Smile's own predictions, on forests and boosting models trained here. */
class ScorerTest {
    static final FeatureSchema SCHEMA = new FeatureSchema("test_v1", List.of("a", "b", "c", "d", "e", "f"));
    static final int ROWS = 3_000;

    /** Rows mixing continuous values, zeros of both signs, negatives and small integers; label from a noisy rule. */
    static double[][] rows(long seed, int count) {
        Random random = new Random(seed);
        double[][] x = new double[count][SCHEMA.size()];
        for (double[] r : x) {
            r[0] = random.nextGaussian() * 10;
            r[1] = random.nextInt(5) == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextGaussian();
            r[2] = random.nextInt(20);
            r[3] = Math.abs(random.nextGaussian()) * 1000;
            r[4] = random.nextInt(2);
            r[5] = random.nextDouble() - 0.5;
        }
        return x;
    }

    static int[] labels(double[][] x, long seed) {
        Random random = new Random(seed);
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double logit = 0.1 * x[i][0] - 0.8 * x[i][1] + 0.05 * x[i][2] * x[i][4] - x[i][3] / 1000 + x[i][5]
                    + random.nextGaussian();
            y[i] = logit > 0 ? 1 : 0;
        }
        return y;
    }

    static DataFrame frame(double[][] x, int[] y) {
        return DataFrame.of(x, SCHEMA.columns().toArray(String[]::new)).merge(IntVector.of("y", y));
    }

    /** Held-out rows plus rows the branch-free walk must hand to the exact walk (NaN, ±∞) and boundary values. */
    static double[][] probes(double[][] train) {
        double[][] fresh = rows(99, 500);
        double[][] out = new double[fresh.length + 40][];
        System.arraycopy(fresh, 0, out, 0, fresh.length);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300};
        for (int k = 0; k < 40; k++) {
            double[] r = train[k].clone();
            r[k % SCHEMA.size()] = special[k % special.length];
            out[fresh.length + k] = r;
        }
        return out;
    }

    @Test
    void aCompiledForestEqualsSmilesSoftVote() {
        double[][] x = rows(1, ROWS);
        RandomForest forest = RandomForest.fit(Formula.lhs("y"), frame(x, labels(x, 2)), 37, 3, SplitRule.GINI, 12,
                400, 3, 1.0, null, LongStream.range(1, 38));
        Scorer scorer = Scorer.compile(forest, SCHEMA);
        assertEquals(37, scorer.trees());
        double[][] probes = probes(x);
        DataFrame df = frame(probes, new int[probes.length]);
        double[] batch = new double[probes.length];
        scorer.score(probes, batch);
        double[] p = new double[2];
        for (int i = 0; i < probes.length; i++) {
            forest.predict(df.get(i), p);
            assertEquals(p[1], scorer.score(probes[i]), 1e-12, "row " + i);
            assertEquals(scorer.score(probes[i]), batch[i], 0.0, "batch equals single, row " + i);
        }
        // only finite rows: the batch takes the interleaved branch-free path for every row
        double[][] finite = java.util.Arrays.copyOf(probes, 500);
        double[] finiteBatch = new double[finite.length];
        scorer.score(finite, finiteBatch);
        for (int i = 0; i < finite.length; i++) {
            assertEquals(batch[i], finiteBatch[i], 0.0, "row " + i);
        }
    }

    @Test
    void aCompiledBinaryBoostEqualsSmilesPosterior() {
        double[][] x = rows(3, ROWS);
        GradientTreeBoost gbm = GradientTreeBoost.fit(Formula.lhs("y"), frame(x, labels(x, 4)), 60, 6, 40, 5, 0.1,
                0.7);
        Scorer scorer = Scorer.compile(gbm, SCHEMA);
        assertEquals(60, scorer.trees());
        double[][] probes = probes(x);
        DataFrame df = frame(probes, new int[probes.length]);
        double[] batch = new double[probes.length];
        scorer.score(probes, batch);
        double[] p = new double[2];
        double lowest = 1;
        double highest = 0;
        for (int i = 0; i < probes.length; i++) {
            gbm.predict(df.get(i), p);
            assertEquals(p[1], scorer.score(probes[i]), 1e-12, "row " + i);
            assertEquals(scorer.score(probes[i]), batch[i], 0.0, "batch equals single, row " + i);
            lowest = Math.min(lowest, p[1]);
            highest = Math.max(highest, p[1]);
        }
        assertTrue(lowest < 0.2 && highest > 0.8, "the model separates the classes: " + lowest + ".." + highest);
    }

    @Test
    void aBoostOfMoreThanTwoClassesIsRefused() {
        double[][] x = rows(5, 600);
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) x[i][2] % 3;
        }
        GradientTreeBoost gbm = GradientTreeBoost.fit(Formula.lhs("y"), frame(x, y), 5, 3, 8, 5, 0.1, 1.0);
        BookstoreException e = assertThrows(BookstoreException.class, () -> Scorer.compile(gbm, SCHEMA));
        assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
    }

    /**
     * Eleven stumps, tree j voting churn when {@code a <= j} (j = 0..10, weight 1), so P = #{j ≥ a} / 11 — computed
     * by hand below; tree 0's threshold is written as -0.0, which compares like 0.0.
     */
    static Scorer stumps() {
        int trees = 11;
        int n = 3 * trees;
        int[] roots = new int[trees];
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] vote0 = new double[n];
        double[] vote1 = new double[n];
        for (int j = 0; j < trees; j++) {
            int r = 3 * j;
            roots[j] = r;
            feature[r] = 0;
            threshold[r] = j == 0 ? -0.0 : j;
            left[r] = r + 1;
            right[r] = r + 2;
            feature[r + 1] = -1;
            feature[r + 2] = -1;
            vote1[r + 1] = 1.0;
            vote0[r + 2] = 1.0;
        }
        return new Scorer(SCHEMA, roots, feature, threshold, left, right, vote0, vote1);
    }

    @Test
    void boundaryValuesCompareLikeDoubles() {
        Scorer s = stumps();
        double[][] cases = {
            {3.5, 7}, {3.0, 8}, {10.0, 1}, {10.000000000000002, 0}, {0.0, 11}, {-0.0, 11}, {Double.MIN_VALUE, 10},
            {-Double.MIN_VALUE, 11}, {Double.NaN, 0}, {Double.POSITIVE_INFINITY, 0}, {Double.NEGATIVE_INFINITY, 11},
            {Double.MAX_VALUE, 0}, {-Double.MAX_VALUE, 11}};
        double[][] rows = new double[cases.length][];
        for (int i = 0; i < cases.length; i++) {
            rows[i] = new double[SCHEMA.size()];
            rows[i][0] = cases[i][0];
            assertEquals(cases[i][1] / 11, s.score(rows[i]), 1e-15, "a = " + cases[i][0]);
        }
        double[] out = new double[rows.length + 2];
        s.score(rows, out);
        for (int i = 0; i < cases.length; i++) {
            assertEquals(cases[i][1] / 11, out[i], 1e-15, "batch, a = " + cases[i][0]);
        }
    }

    @Test
    void treesSharingANodeAreRefused() {
        Scorer good = stumps();
        int[] roots = good.roots().clone();
        roots[1] = roots[0];
        BookstoreException e = assertThrows(BookstoreException.class, () -> new Scorer(SCHEMA, roots,
                good.feature(), good.threshold(), good.left(), good.right(), good.vote0(), good.vote1()));
        assertTrue(e.getMessage().startsWith("inconsistent compiled forest"), e.getMessage());
    }
}
