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
 * @param calibrationGapDays single-snapshot training without refit only (today's procedure): days from the earlier,
 *     out-of-time calibration snapshot to the training snapshot; with {@code calibrationGapDays >= horizonDays} the
 *     calibration outcomes end before the training outcomes begin
 * @param snapshots how many monthly snapshots the training rows are stacked from (the latest labelled one and the
 *     months before it, as far as the history reaches: a snapshot needs one horizon of history before it); 1 trains
 *     on the latest labelled snapshot only
 * @param refit whether the written model is refit after the evaluation on the snapshots labelled by the as-of day
 *     (the latest ends one horizon before it) — the freshest model the data allows; false writes the evaluated
 *     model itself
 */
public record ChurnOptions(int horizonDays, int trees, int maxDepth, int nodeSize, long seed, Calibration calibration,
                           int calibrationGapDays, Algorithm algorithm, int snapshots, boolean refit) {
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
        /**
         * Pick NONE, PLATT or ISOTONIC by two-fold cross-fitted Brier score on the calibration snapshot (the latest
         * training snapshot's out-of-fold scores): NONE unless a method lowers it.
         */
        AUTO,
        /**
         * Platt scaling: a logistic function of the score; when the fit fails the scores are used as they are and
         * the report says so.
         */
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
     * @param snapshots 1..36
     * @param refit any
     */
    public ChurnOptions {
        require("horizonDays", horizonDays, 1, 730);
        require("trees", trees, 1, 5_000);
        require("maxDepth", maxDepth, 2, 64);
        require("nodeSize", nodeSize, 1, 10_000);
        require("calibrationGapDays", calibrationGapDays, 1, 730);
        require("snapshots", snapshots, 1, 36);
        if (algorithm == null) {
            throw new InvalidArgumentException("churn option algorithm must be one of FOREST, BOOSTING");
        }
        if (calibration == null) {
            throw new InvalidArgumentException("churn option calibration must be one of AUTO, PLATT, ISOTONIC, NONE");
        }
    }

    /**
     * @return 90-day horizon, 200 trees of depth up to 12, leaves of at least 5, seed 42, AUTO calibration,
     *     training rows stacked from up to 12 monthly snapshots, the written model refit on the latest labels
     */
    public static ChurnOptions defaults() {
        return new ChurnOptions(90, 200, 12, 5, 42L, Calibration.AUTO, 90, Algorithm.FOREST, 12, true);
    }

    /**
     * @return the defaults with the single-snapshot procedure of version 0.1: trained on the one snapshot as of
     *     {@code asOf − 2·horizon}, calibrated on an earlier snapshot ({@code calibrationGapDays} before it), the
     *     evaluated model written as it is (no refit)
     */
    public static ChurnOptions singleSnapshot() {
        return defaults().withSnapshots(1).withRefit(false);
    }

    /** @param v the number of monthly training snapshots @return a copy with it */
    public ChurnOptions withSnapshots(int v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, calibration, calibrationGapDays, algorithm,
                v, refit);
    }

    /** @param v whether the written model is refit on the latest labels @return a copy with it */
    public ChurnOptions withRefit(boolean v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, calibration, calibrationGapDays, algorithm,
                snapshots, v);
    }

    /** @return whether this is the single-snapshot procedure: one snapshot, no refit, a separate calibration one */
    boolean single() {
        return snapshots == 1 && !refit;
    }

    /** @param v the horizon in days @return a copy with it */
    public ChurnOptions withHorizonDays(int v) {
        return new ChurnOptions(v, trees, maxDepth, nodeSize, seed, calibration, calibrationGapDays, algorithm,
                snapshots, refit);
    }

    /** @param v the number of trees @return a copy with it */
    public ChurnOptions withTrees(int v) {
        return new ChurnOptions(horizonDays, v, maxDepth, nodeSize, seed, calibration, calibrationGapDays, algorithm,
                snapshots, refit);
    }

    /** @param v the maximum depth @return a copy with it */
    public ChurnOptions withMaxDepth(int v) {
        return new ChurnOptions(horizonDays, trees, v, nodeSize, seed, calibration, calibrationGapDays, algorithm,
                snapshots, refit);
    }

    /** @param v the minimum leaf size @return a copy with it */
    public ChurnOptions withNodeSize(int v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, v, seed, calibration, calibrationGapDays, algorithm,
                snapshots, refit);
    }

    /** @param v the seed @return a copy with it */
    public ChurnOptions withSeed(long v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, v, calibration, calibrationGapDays, algorithm,
                snapshots, refit);
    }

    /** @param v the calibration method @return a copy with it */
    public ChurnOptions withCalibration(Calibration v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, v, calibrationGapDays, algorithm,
                snapshots, refit);
    }

    /** @param v days from the calibration snapshot to the training snapshot @return a copy with it */
    public ChurnOptions withCalibrationGapDays(int v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, calibration, v, algorithm,
                snapshots, refit);
    }

    /** @param v the learning algorithm @return a copy with it */
    public ChurnOptions withAlgorithm(Algorithm v) {
        return new ChurnOptions(horizonDays, trees, maxDepth, nodeSize, seed, calibration, calibrationGapDays, v,
                snapshots, refit);
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException("churn option " + name + " was " + value + "; valid: " + min + ".."
                    + max);
        }
    }
}
