package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;

/**
 * Settings of {@link ChurnModel#train}: the outcome window, the random forest's size and its probability
 * calibration. Validated on
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
 * @param calibration how the forest's scores become probabilities (fitted on the calibration snapshot)
 * @param algorithm the learner: a random forest (compiled, written to model files) or gradient boosting
 * @param calibrationGapDays days from the earlier, out-of-time calibration snapshot to the training snapshot; with
 *     {@code calibrationGapDays >= horizonDays} the calibration outcomes end before the training outcomes begin
 */
public record ChurnOptions(int horizonDays, int trees, int maxDepth, int nodeSize, long seed, Calibration calibration,
                           int calibrationGapDays, Algorithm algorithm) {
    /** The learner. */
    public enum Algorithm {
        /** Smile's random forest, compiled into a {@link Scorer} and written to model files. */
        FOREST,
        /**
         * Smile's gradient tree boosting (shrinkage 0.05, subsample 0.7, 6-leaf trees of {@code trees} rounds),
         * evaluated, calibrated, compiled into a {@link Scorer} and written to model files like the forest.
         */
        BOOSTING
    }

    /**
     * How the forest's raw scores are calibrated into probabilities, on the out-of-time calibration snapshot.
     */
    public enum Calibration {
        /** Pick NONE, PLATT or ISOTONIC by two-fold cross-fitted Brier score on the calibration snapshot. */
        AUTO,
        /** Platt scaling: a logistic function of the score. */
        PLATT,
        /** Isotonic regression: a non-decreasing step function of the score. */
        ISOTONIC,
        /** The forest's soft vote as it is. */
        NONE
    }

    /**
     * Validates.
     *
     * @param horizonDays 1..730
     * @param trees 1..5000
     * @param maxDepth 2..64
     * @param nodeSize 1..10000
     * @param seed any
     * @param calibration not null
     * @param calibrationGapDays 1..730
     * @param algorithm not null
     */
    public ChurnOptions {
        require("horizonDays", horizonDays, 1, 730);
        require("trees", trees, 1, 5_000);
        require("maxDepth", maxDepth, 2, 64);
        require("nodeSize", nodeSize, 1, 10_000);
        require("calibrationGapDays", calibrationGapDays, 1, 730);
        if (algorithm == null) {
            throw new InvalidArgumentException("churn option algorithm must be one of FOREST, BOOSTING");
        }
        if (calibration == null) {
            throw new InvalidArgumentException("churn option calibration must be one of AUTO, PLATT, ISOTONIC, NONE");
        }
    }

    /**
     * @return 90-day horizon, 200 trees of depth up to 12, leaves of at least 5, seed 42, AUTO calibration on a
     *     snapshot 90 days (one horizon) before the training snapshot
     */
    public static ChurnOptions defaults() {
        return new ChurnOptions(90, 200, 12, 5, 42L, Calibration.AUTO, 90, Algorithm.FOREST);
    }

    /** @param v the horizon in days @return a copy with it */
    public ChurnOptions withHorizonDays(int v) {
        return new ChurnOptions(v, trees, maxDepth, nodeSize, seed, calibration, calibrationGapDays, algorithm);
    }

    /** @param v the number of trees @return a copy with it */
    public ChurnOptions withTrees(int v) {
        return new ChurnOptions(horizonDays, v, maxDepth, nodeSize, seed, calibration, calibrationGapDays, algorithm);
    }

    /** @param v the maximum depth @return a copy with it */
    public ChurnOptions withMaxDepth(int v) {
        return new ChurnOptions(horizonDays, trees, v, nodeSize, seed, calibration, calibrationGapDays, algorithm);
    }

    /** @param v the minimum leaf size @return a copy with it */
    public ChurnOptions withNodeSize(int v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, v, seed, calibration, calibrationGapDays, algorithm);
    }

    /** @param v the seed @return a copy with it */
    public ChurnOptions withSeed(long v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, v, calibration, calibrationGapDays, algorithm);
    }

    /** @param v the calibration method @return a copy with it */
    public ChurnOptions withCalibration(Calibration v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, v, calibrationGapDays, algorithm);
    }

    /** @param v days from the calibration snapshot to the training snapshot @return a copy with it */
    public ChurnOptions withCalibrationGapDays(int v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, calibration, v, algorithm);
    }

    /** @param v the learning algorithm @return a copy with it */
    public ChurnOptions withAlgorithm(Algorithm v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, calibration, calibrationGapDays, v);
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException("churn option " + name + " was " + value + "; valid: " + min + ".."
                    + max);
        }
    }
}
