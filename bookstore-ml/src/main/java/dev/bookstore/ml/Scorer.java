package dev.bookstore.ml;

import dev.bookstore.model.BookstoreException;

/**
 * A compiled random forest: the trees flattened into primitive arrays, scoring a feature vector with no allocation
 * and no training-library object. Immutable and thread-safe. Its probabilities equal the training library's
 * soft-vote posteriors (within 1e-12: the normaliser is the sum of tree weights).
 *
 * <pre>{@code
 * Scorer s = churnModel.scorer();
 * double p = s.score(Features.of(wh).customer("CUST_1523", LocalDate.now()));
 * }</pre>
 */
public final class Scorer {
    private final FeatureSchema schema;
    private final int[] roots;
    /** Split feature per node; -1 marks a leaf. */
    private final int[] feature;
    /** Split threshold per node: go to {@link #left} when {@code x[feature] <= threshold}. */
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    /** Per leaf: tree weight × posterior of class 0 (retained). */
    private final double[] vote0;
    /** Per leaf: tree weight × posterior of class 1 (churned). */
    private final double[] vote1;
    // the hot-path layout: the true child of an internal node i is i + 1 (pre-order), so a node needs only its
    // feature, its false child and one double — 16 bytes instead of 36
    /** Internal node: {@code feature << 32 | falseChild}; leaf: -1. */
    private final long[] packed;
    /** Internal node: its threshold; leaf: tree weight × P(churn). */
    private final double[] value;
    /** Σ over trees of the tree's weight (the soft vote's normaliser). */
    private final double totalWeight;

    Scorer(FeatureSchema schema, int[] roots, int[] feature, double[] threshold, int[] left, int[] right,
           double[] vote0, double[] vote1) {
        int n = feature.length;
        if (threshold.length != n || left.length != n || right.length != n || vote0.length != n
                || vote1.length != n || roots.length == 0) {
            throw new BookstoreException("inconsistent compiled forest: " + roots.length + " trees, node arrays of "
                    + "different lengths");
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] >= schema.size() || (feature[i] >= 0 && (left[i] < 0 || left[i] >= n || right[i] < 0
                    || right[i] >= n || left[i] <= i || right[i] <= i))) {
                throw new BookstoreException("inconsistent compiled forest: node " + i + " points outside the forest");
            }
        }
        for (int r : roots) {
            if (r < 0 || r >= n) {
                throw new BookstoreException("inconsistent compiled forest: root " + r + " outside the forest");
            }
        }
        this.schema = schema;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.vote0 = vote0;
        this.vote1 = vote1;
        this.packed = new long[n];
        this.value = new double[n];
        for (int i = 0; i < n; i++) {
            if (feature[i] < 0) {
                packed[i] = -1L;
                value[i] = vote1[i];
            } else {
                if (left[i] != i + 1) {
                    throw new BookstoreException("inconsistent compiled forest: node " + i
                            + " is not in pre-order (true child " + left[i] + ")");
                }
                packed[i] = ((long) feature[i] << 32) | right[i];
                value[i] = threshold[i];
            }
        }
        double total = 0;
        for (int r : roots) {
            int leaf = r;
            while (feature[leaf] >= 0) {
                leaf = left[leaf];
            }
            total += vote0[leaf] + vote1[leaf];
        }
        this.totalWeight = total;
    }

    /**
     * Compiles a trained Smile 2.6 random forest (numeric features, two classes 0/1, trained with the response
     * column last) into a scorer. {@link ChurnModel} does this itself; this entry point serves benchmarks and
     * callers who train their own forest.
     *
     * <pre>{@code
     * Scorer s = Scorer.compile(RandomForest.fit(Formula.lhs("y"), df), schema);
     * }</pre>
     *
     * @param forest the trained forest
     * @param schema its predictor columns, in the order of the training frame
     * @return the compiled scorer
     * @throws BookstoreException when the forest has a split the scorer cannot represent (nominal features)
     */
    public static Scorer compile(smile.classification.RandomForest forest, FeatureSchema schema) {
        return ForestCompiler.compile(forest, schema);
    }

    /** @return the features a vector must hold, in order */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the number of trees */
    public int trees() {
        return roots.length;
    }

    /** @return the number of nodes over all trees */
    public int nodes() {
        return feature.length;
    }

    /**
     * The churn probability of one customer.
     *
     * @param x a feature vector in {@link #schema()} order
     * @return P(churn) in [0, 1]
     * @throws BookstoreException when the vector's length is not the schema's
     */
    public double score(double[] x) {
        if (x.length != schema.size()) {
            throw new BookstoreException("feature vector has " + x.length + " values; schema " + schema.name()
                    + " needs " + schema.size());
        }
        return scoreUnchecked(x);
    }

    /**
     * Churn probabilities of many customers, written into {@code out}.
     *
     * @param rows feature vectors in {@link #schema()} order
     * @param out receives one probability per row; at least {@code rows.length} long
     */
    public void score(double[][] rows, double[] out) {
        if (out.length < rows.length) {
            throw new BookstoreException("output array holds " + out.length + " values for " + rows.length + " rows");
        }
        for (double[] x : rows) {
            if (x.length != schema.size()) {
                throw new BookstoreException("feature vector has " + x.length + " values; schema " + schema.name()
                        + " needs " + schema.size());
            }
        }
        // tree-major: each tree's nodes stay in cache while every row walks it; out accumulates the soft vote in
        // the same tree order as a single-row score, so both give identical results
        final long[] packed = this.packed;
        final double[] value = this.value;
        java.util.Arrays.fill(out, 0, rows.length, 0.0);
        for (int root : roots) {
            for (int i = 0; i < rows.length; i++) {
                double[] x = rows[i];
                int n = root;
                long p;
                while ((p = packed[n]) >= 0) {
                    n = x[(int) (p >>> 32)] <= value[n] ? n + 1 : (int) p;
                }
                out[i] += value[n];
            }
        }
        for (int i = 0; i < rows.length; i++) {
            out[i] /= totalWeight;
        }
    }

    private double scoreUnchecked(double[] x) {
        final long[] packed = this.packed;
        final double[] value = this.value;
        double s1 = 0.0;
        for (int root : roots) {
            int n = root;
            long p;
            while ((p = packed[n]) >= 0) {
                n = x[(int) (p >>> 32)] <= value[n] ? n + 1 : (int) p;
            }
            s1 += value[n];
        }
        return s1 / totalWeight;
    }

    // package-private views for the model file writer
    int[] roots() {
        return roots;
    }

    int[] feature() {
        return feature;
    }

    double[] threshold() {
        return threshold;
    }

    int[] left() {
        return left;
    }

    int[] right() {
        return right;
    }

    double[] vote0() {
        return vote0;
    }

    double[] vote1() {
        return vote1;
    }
}
