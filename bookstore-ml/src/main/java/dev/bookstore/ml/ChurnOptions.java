package dev.bookstore.ml;

import dev.bookstore.model.BookstoreException;

/**
 * Settings of {@link ChurnModel#train}: the outcome window and the random forest's size. Validated on
 * construction (the message names the option and the valid range); immutable, changed with the {@code withXxx}
 * copies.
 *
 * <pre>{@code
 * ChurnOptions o = ChurnOptions.defaults().withTrees(100).withMaxDepth(12);
 * }</pre>
 *
 * @param horizonDays a customer churned when they place no order in the {@code horizonDays} after the as-of day
 * @param trees number of trees in the forest
 * @param maxDepth maximum depth of a tree
 * @param nodeSize minimum number of samples in a leaf
 * @param seed random seed; the same seed and data give the same model
 */
public record ChurnOptions(int horizonDays, int trees, int maxDepth, int nodeSize, long seed) {
    /**
     * Validates.
     *
     * @param horizonDays 1..730
     * @param trees 1..5000
     * @param maxDepth 2..64
     * @param nodeSize 1..10000
     * @param seed any
     */
    public ChurnOptions {
        require("horizonDays", horizonDays, 1, 730);
        require("trees", trees, 1, 5_000);
        require("maxDepth", maxDepth, 2, 64);
        require("nodeSize", nodeSize, 1, 10_000);
    }

    /** @return 90-day horizon, 200 trees of depth up to 12, leaves of at least 5, seed 42 */
    public static ChurnOptions defaults() {
        return new ChurnOptions(90, 200, 12, 5, 42L);
    }

    /** @param v the horizon in days @return a copy with it */
    public ChurnOptions withHorizonDays(int v) {
        return new ChurnOptions(v, trees, maxDepth, nodeSize, seed);
    }

    /** @param v the number of trees @return a copy with it */
    public ChurnOptions withTrees(int v) {
        return new ChurnOptions(horizonDays, v, maxDepth, nodeSize, seed);
    }

    /** @param v the maximum depth @return a copy with it */
    public ChurnOptions withMaxDepth(int v) {
        return new ChurnOptions(horizonDays, trees, v, nodeSize, seed);
    }

    /** @param v the minimum leaf size @return a copy with it */
    public ChurnOptions withNodeSize(int v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, v, seed);
    }

    /** @param v the seed @return a copy with it */
    public ChurnOptions withSeed(long v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, v);
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BookstoreException("churn option " + name + " was " + value + "; valid: " + min + ".." + max);
        }
    }
}
