package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import java.lang.reflect.Field;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;
import smile.regression.RegressionTree;

/**
 * Flattens a trained Smile random forest or binary gradient tree boost into a {@link Scorer}'s primitive arrays
 * (pre-order node layout).
 */
final class ForestCompiler {
    private static final Field ORDINAL_VALUE;
    private static final Field BOOST_CLASSES;
    private static final Field BOOST_INTERCEPT;
    private static final Field BOOST_SHRINKAGE;

    static {
        try {
            ORDINAL_VALUE = OrdinalNode.class.getDeclaredField("value");
            ORDINAL_VALUE.setAccessible(true);
            // Smile 2.6 keeps these private and offers no accessor
            BOOST_CLASSES = GradientTreeBoost.class.getDeclaredField("k");
            BOOST_CLASSES.setAccessible(true);
            BOOST_INTERCEPT = GradientTreeBoost.class.getDeclaredField("b");
            BOOST_INTERCEPT.setAccessible(true);
            BOOST_SHRINKAGE = GradientTreeBoost.class.getDeclaredField("shrinkage");
            BOOST_SHRINKAGE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int size;
    private int[] feature = new int[1024];
    private double[] threshold = new double[1024];
    private int[] left = new int[1024];
    private int[] right = new int[1024];
    private double[] vote0 = new double[1024];
    private double[] vote1 = new double[1024];

    private ForestCompiler() {
    }

    static Scorer compile(RandomForest forest, FeatureSchema schema) {
        ForestCompiler c = new ForestCompiler();
        RandomForest.Model[] models = forest.models();
        int[] roots = new int[models.length];
        for (int t = 0; t < models.length; t++) {
            roots[t] = c.add(models[t].tree.root(), models[t].weight);
        }
        int n = c.size;
        return new Scorer(schema, roots, java.util.Arrays.copyOf(c.feature, n), java.util.Arrays.copyOf(c.threshold, n),
                java.util.Arrays.copyOf(c.left, n), java.util.Arrays.copyOf(c.right, n),
                java.util.Arrays.copyOf(c.vote0, n), java.util.Arrays.copyOf(c.vote1, n));
    }

    static Scorer compile(GradientTreeBoost model, FeatureSchema schema) {
        int classes;
        double intercept;
        double shrinkage;
        try {
            classes = BOOST_CLASSES.getInt(model);
            intercept = BOOST_INTERCEPT.getDouble(model);
            shrinkage = BOOST_SHRINKAGE.getDouble(model);
        } catch (IllegalAccessException e) {
            throw new InvalidArgumentException("cannot read a boosting model's parameters: " + e.getMessage(), e);
        }
        if (classes != 2) {
            throw new InvalidArgumentException("cannot compile a gradient tree boost of " + classes
                    + " classes; only binary models are supported");
        }
        ForestCompiler c = new ForestCompiler();
        RegressionTree[] trees = model.trees();
        int[] roots = new int[trees.length];
        for (int t = 0; t < trees.length; t++) {
            roots[t] = c.add(trees[t].root(), 1.0);
        }
        int n = c.size;
        // a regression leaf's output is kept in vote1 (see add)
        return Scorer.boosted(schema, roots, java.util.Arrays.copyOf(c.feature, n),
                java.util.Arrays.copyOf(c.threshold, n), java.util.Arrays.copyOf(c.left, n),
                java.util.Arrays.copyOf(c.right, n), java.util.Arrays.copyOf(c.vote1, n), intercept, shrinkage);
    }

    private int add(Node node, double weight) {
        int i = allocate();
        if (node instanceof RegressionNode leaf) {
            feature[i] = -1;
            left[i] = -1;
            right[i] = -1;
            vote0[i] = 0.0;
            vote1[i] = leaf.output();
            return i;
        }
        if (node instanceof DecisionNode leaf) {
            double[] p = leaf.posteriori(new double[2]);
            feature[i] = -1;
            left[i] = -1;
            right[i] = -1;
            vote0[i] = weight * p[0];
            vote1[i] = weight * p[1];
            return i;
        }
        if (!(node instanceof OrdinalNode split)) {
            throw new InvalidArgumentException("cannot compile tree node " + node.getClass().getSimpleName()
                    + "; only numeric (ordinal) splits, class leaves and regression leaves are supported");
        }
        InternalNode in = split;
        feature[i] = in.feature();
        try {
            threshold[i] = ORDINAL_VALUE.getDouble(split);
        } catch (IllegalAccessException e) {
            throw new InvalidArgumentException("cannot read a split threshold: " + e.getMessage(), e);
        }
        int l = add(in.trueChild(), weight);
        int r = add(in.falseChild(), weight);
        left[i] = l;
        right[i] = r;
        return i;
    }

    private int allocate() {
        if (size == feature.length) {
            int cap = size * 2;
            feature = java.util.Arrays.copyOf(feature, cap);
            threshold = java.util.Arrays.copyOf(threshold, cap);
            left = java.util.Arrays.copyOf(left, cap);
            right = java.util.Arrays.copyOf(right, cap);
            vote0 = java.util.Arrays.copyOf(vote0, cap);
            vote1 = java.util.Arrays.copyOf(vote1, cap);
        }
        return size++;
    }
}
