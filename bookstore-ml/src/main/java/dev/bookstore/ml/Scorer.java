package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;

/**
 * A compiled tree model: a random forest's soft vote or a binary gradient tree boost, the trees flattened into
 * primitive arrays, scoring a feature vector with no allocation and no training-library object. Immutable and
 * thread-safe. Its score is the <b>raw, uncalibrated</b> model output in [0, 1] — the forest's share of votes for
 * churn, or the boost's logistic output — which orders customers by risk but is not a probability: for the
 * calibrated churn probability use {@link ChurnModel#probability(double[])}, which maps this score through the
 * model's calibration. The scores equal the training library's posteriors (forest: within 1e-12, the normaliser
 * is the sum of tree weights; boosting: the same sum in the same order). Scoring walks the trees without a
 * data-dependent branch, several walks at a time (see {@code FlatForest}).
 *
 * <pre>{@code
 * Scorer s = churnModel.scorer();
 * double raw = s.score(Features.of(wh).customer("CUST_1523", LocalDate.now()));   // a risk score, for ranking
 * double p = churnModel.probability(Features.of(wh).customer("CUST_1523", LocalDate.now()));  // a probability
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
    /** Per leaf: tree weight × posterior of class 0 (retained); boosting: 0. */
    private final double[] vote0;
    /** Per leaf: tree weight × posterior of class 1 (churned); boosting: the regression tree's output. */
    private final double[] vote1;
    /** The branch-free scoring layout of the same trees, built here from the arrays above. */
    private final FlatForest flat;
    /** Forest: Σ over trees of the tree's weight (the soft vote's normaliser). Boosting: unused (1). */
    private final double totalWeight;
    /** True for gradient boosting (sum of shrunken tree outputs, then logistic); false for a forest's soft vote. */
    private final boolean boosted;
    /** Boosting: the intercept the sum starts from. */
    private final double intercept;
    /** Boosting: the factor every tree's output is multiplied by. */
    private final double shrinkage;

    /**
     * A random forest's soft vote: P(churn) = Σ vote1 of the leaves reached / Σ tree weights. The canonical form
     * (pre-order node arrays) that model files store.
     */
    Scorer(FeatureSchema schema, int[] roots, int[] feature, double[] threshold, int[] left, int[] right,
           double[] vote0, double[] vote1) {
        this(schema, roots, feature, threshold, left, right, vote0, vote1, false, 0.0, 1.0);
    }

    /**
     * A binary gradient tree boost (Smile's {@code GradientTreeBoost} with two classes): with
     * {@code f = intercept + Σ shrinkage × output} over the leaves reached, in tree order,
     * P(class 1) = 1 − 1 / (1 + e^(2f)), as Smile computes it.
     *
     * @param output per leaf: the regression tree's output (ignored for splits)
     */
    static Scorer boosted(FeatureSchema schema, int[] roots, int[] feature, double[] threshold, int[] left,
                          int[] right, double[] output, double intercept, double shrinkage) {
        if (!Double.isFinite(intercept) || !Double.isFinite(shrinkage)) {
            throw new InvalidArgumentException("inconsistent compiled boosting model: intercept " + intercept
                    + ", shrinkage " + shrinkage);
        }
        return new Scorer(schema, roots, feature, threshold, left, right, new double[output.length], output, true,
                intercept, shrinkage);
    }

    private Scorer(FeatureSchema schema, int[] roots, int[] feature, double[] threshold, int[] left, int[] right,
                   double[] vote0, double[] vote1, boolean boosted, double intercept, double shrinkage) {
        int n = feature.length;
        if (threshold.length != n || left.length != n || right.length != n || vote0.length != n
                || vote1.length != n || roots.length == 0) {
            throw new InvalidArgumentException("inconsistent compiled forest: " + roots.length
                    + " trees, node arrays of "
                    + "different lengths");
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] >= schema.size() || (feature[i] >= 0 && (left[i] < 0 || left[i] >= n || right[i] < 0
                    || right[i] >= n || left[i] <= i || right[i] <= i))) {
                throw new InvalidArgumentException("inconsistent compiled forest: node " + i
                        + " points outside the forest");
            }
        }
        for (int r : roots) {
            if (r < 0 || r >= n) {
                throw new InvalidArgumentException("inconsistent compiled forest: root " + r + " outside the forest");
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
        this.boosted = boosted;
        this.intercept = intercept;
        this.shrinkage = shrinkage;
        double[] leaf = vote1;
        if (boosted) {
            // Smile adds shrinkage × output per tree; the product is the same double when computed here
            leaf = new double[n];
            for (int i = 0; i < n; i++) {
                leaf[i] = shrinkage * vote1[i];
            }
        }
        this.flat = FlatForest.of(roots, feature, threshold, left, right, leaf);
        double total = 1.0;
        if (!boosted) {
            total = 0.0;
            for (int r : roots) {
                int node = r;
                while (feature[node] >= 0) {
                    node = left[node];
                }
                total += vote0[node] + vote1[node];
            }
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
     * @throws InvalidArgumentException when the forest has a split the scorer cannot represent (nominal features)
     */
    public static Scorer compile(smile.classification.RandomForest forest, FeatureSchema schema) {
        return ForestCompiler.compile(forest, schema);
    }

    /**
     * Compiles a trained Smile 2.6 binary gradient tree boost (numeric features, two classes 0/1, response column
     * last) into a scorer whose score equals {@code predict(x, posteriori)}'s {@code posteriori[1]}.
     *
     * <pre>{@code
     * Scorer s = Scorer.compile(GradientTreeBoost.fit(Formula.lhs("y"), df), schema);
     * }</pre>
     *
     * @param model the trained model
     * @param schema its predictor columns, in the order of the training frame
     * @return the compiled scorer
     * @throws InvalidArgumentException when the model has more than two classes or a nominal split
     */
    public static Scorer compile(smile.classification.GradientTreeBoost model, FeatureSchema schema) {
        return ForestCompiler.compile(model, schema);
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
     * The raw churn score of one customer (uncalibrated: see the class comment).
     *
     * @param x a feature vector in {@link #schema()} order
     * @return the raw score in [0, 1]: the training library's posterior of class 1, not a calibrated probability
     * @throws InvalidArgumentException when the vector's length is not the schema's
     */
    public double score(double[] x) {
        if (x.length != schema.size()) {
            throw new InvalidArgumentException("feature vector has " + x.length + " values; schema " + schema.name()
                    + " needs " + schema.size());
        }
        return scoreUnchecked(x);
    }

    /**
     * The raw churn scores of many customers (uncalibrated), written into {@code out}.
     *
     * @param rows feature vectors in {@link #schema()} order
     * @param out receives one raw score per row; at least {@code rows.length} long
     */
    public void score(double[][] rows, double[] out) {
        if (out.length < rows.length) {
            throw new InvalidArgumentException("output array holds " + out.length + " values for " + rows.length
                    + " rows");
        }
        for (double[] x : rows) {
            if (x.length != schema.size()) {
                throw new InvalidArgumentException("feature vector has " + x.length + " values; schema " + schema.name()
                        + " needs " + schema.size());
            }
        }
        java.util.Arrays.fill(out, 0, rows.length, start());
        flat.sum(rows, out);
        for (int i = 0; i < rows.length; i++) {
            out[i] = probability(out[i]);
        }
    }

    private double scoreUnchecked(double[] x) {
        return probability(flat.sum(x, start()));
    }

    /** The value the sum over trees starts from: the boost's intercept, 0 for a forest. */
    double start() {
        return boosted ? intercept : 0.0;
    }

    /** The branch-free layout the scores are computed on (for {@link Explainer}). */
    FlatForest flat() {
        return flat;
    }

    /** From the sum over trees to the raw score (the posterior of class 1), as the training library computes it. */
    double probability(double sum) {
        if (boosted) {
            return 1.0 - 1.0 / (1.0 + Math.exp(2 * sum));
        }
        return sum / totalWeight;
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

    /** True for a boosting model: then {@link #vote1()} holds each leaf's raw output and {@link #vote0()} zeros. */
    boolean boosted() {
        return boosted;
    }

    double intercept() {
        return intercept;
    }

    double shrinkage() {
        return shrinkage;
    }
}
