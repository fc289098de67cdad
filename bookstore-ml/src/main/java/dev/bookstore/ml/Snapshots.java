package dev.bookstore.ml;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The labelled snapshots of one training run, each loaded once: a snapshot as of day t is the feature table as of
 * t (point in time: nothing after t is read) with each customer's outcome over {@code (t, t + horizon]} (1 = no
 * order). Not thread-safe; lives for one {@link ChurnModel#train} call.
 */
final class Snapshots {
    /**
     * One labelled snapshot.
     *
     * @param features the customers' features as of {@code features().asOf()}
     * @param labels 1 = churned (no order in the outcome window), in row order
     * @param labelsUntil the last day the labels read: as of + horizon
     */
    record Snapshot(FeatureTable features, int[] labels, LocalDate labelsUntil) {
        int size() {
            return labels.length;
        }
    }

    private final Features features;
    private final int horizonDays;
    private final Map<LocalDate, Snapshot> loaded = new HashMap<>();

    Snapshots(Features features, int horizonDays) {
        this.features = features;
        this.horizonDays = horizonDays;
    }

    /**
     * @param asOf the snapshot day
     * @param which what the snapshot is for, named in errors (training, calibration, evaluation)
     */
    Snapshot get(LocalDate asOf, String which) {
        Snapshot s = loaded.get(asOf);
        if (s == null) {
            FeatureTable t = features.asOf(asOf);
            s = new Snapshot(t, ChurnModel.labels(t, features.buyersAfter(asOf, horizonDays), which),
                    asOf.plusDays(horizonDays));
            loaded.put(asOf, s);
        }
        return s;
    }
}
