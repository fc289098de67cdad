package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Front door for customer segmentation: k-means (Smile) on standardised RFM — recency, log frequency, log
 * monetary — with k fixed or chosen by the best silhouette within a range; the same seed and data give the same
 * segments. Copy-on-configure: {@code kRange} and {@code seed} return new instances.
 *
 * <pre>{@code
 * Segmentation s = Segments.of(wh).kRange(3, 6).seed(42).asOf(LocalDate.parse("2025-12-31"));
 * }</pre>
 */
public final class Segments {
    private static final int SILHOUETTE_SAMPLE = 2_000;

    private final Warehouse wh;
    private final int minK;
    private final int maxK;
    private final long seed;

    private Segments(Warehouse wh, int minK, int maxK, long seed) {
        this.wh = Objects.requireNonNull(wh, "warehouse");
        if (minK < 2 || maxK < minK || maxK > 12) {
            throw new InvalidArgumentException("segment count range was " + minK + ".." + maxK
                    + "; valid: 2 <= min <= max <= 12");
        }
        this.minK = minK;
        this.maxK = maxK;
        this.seed = seed;
    }

    /**
     * @param wh a warehouse with built marts
     * @return segmentation with k chosen in 3..6 by silhouette (two segments are rarely actionable) and seed 42
     */
    public static Segments of(Warehouse wh) {
        return new Segments(wh, 3, 6, 42L);
    }

    /**
     * @param min smallest k to try, at least 2
     * @param max largest k to try, at most 12; equal to {@code min} fixes k
     * @return a copy with that range
     */
    public Segments kRange(int min, int max) {
        return new Segments(wh, min, max, seed);
    }

    /**
     * @param seed the clustering's random seed
     * @return a copy with that seed
     */
    public Segments seed(long seed) {
        return new Segments(wh, minK, maxK, seed);
    }

    /**
     * Segments every customer with an order on or before {@code asOf}.
     *
     * @param asOf the last day whose data may be used
     * @return the segmentation
     */
    public Segmentation asOf(LocalDate asOf) {
        FeatureTable t = Features.of(wh).asOf(asOf);
        if (t.size() < maxK * 5) {
            throw new InvalidArgumentException("only " + t.size() + " customers have orders by " + asOf
                    + "; segmentation into up to " + maxK + " segments needs at least " + maxK * 5);
        }
        FeatureSchema s = t.schema();
        int r = s.indexOf("recency_days");
        int f = s.indexOf("frequency");
        int m = s.indexOf("monetary");
        double[][] raw = new double[t.size()][];
        for (int i = 0; i < raw.length; i++) {
            double[] x = t.rowsUnsafe()[i];
            raw[i] = new double[] {x[r], Math.log1p(x[f]), Math.log1p(Math.max(0, x[m]))};
        }
        double[][] z = standardise(raw);
        int[] sample = sample(z.length, new Random(seed));
        KMeans best = null;
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        for (int k = minK; k <= maxK; k++) {
            MathEx.setSeed(seed);
            KMeans km = KMeans.fit(z, k, 100, 1e-4);
            double sil = silhouette(z, km.y, k, sample);
            if (sil > bestSilhouette) {
                best = km;
                bestSilhouette = sil;
            }
        }
        return describe(t, z, best, bestSilhouette);
    }

    private static Segmentation describe(FeatureTable t, double[][] z, KMeans km, double silhouette) {
        FeatureSchema s = t.schema();
        int k = km.k;
        double[] sumR = new double[k];
        double[] sumF = new double[k];
        double[] sumM = new double[k];
        int[] size = new int[k];
        double total = 0;
        for (int i = 0; i < t.size(); i++) {
            double[] x = t.rowsUnsafe()[i];
            int c = km.y[i];
            size[c]++;
            sumR[c] += x[s.indexOf("recency_days")];
            sumF[c] += x[s.indexOf("frequency")];
            sumM[c] += x[s.indexOf("monetary")];
            total += x[s.indexOf("monetary")];
        }
        // value of a centroid in standardised units: frequent and big spenders who bought recently rank high
        Integer[] byValue = new Integer[k];
        double[] value = new double[k];
        for (int c = 0; c < k; c++) {
            byValue[c] = c;
            double[] cz = km.centroids[c];
            value[c] = cz[1] + cz[2] - cz[0];
        }
        java.util.Arrays.sort(byValue, Comparator.comparingDouble((Integer c) -> -value[c]).thenComparingInt(c -> c));
        String[] names = new String[k];
        Map<String, Integer> used = new HashMap<>();
        for (int rank = 0; rank < k; rank++) {
            int c = byValue[rank];
            double[] cz = km.centroids[c];
            String name;
            if (cz[0] > 0.5 && cz[1] + cz[2] > 0) {
                name = "at risk";
            } else if (cz[0] > 0.5) {
                name = "lapsed";
            } else if (rank == 0) {
                name = "high value";
            } else if (rank == k - 1) {
                name = "low value";
            } else {
                name = "medium value";
            }
            int n = used.merge(name, 1, Integer::sum);
            names[c] = n == 1 ? name : name + " " + n;
        }
        List<Segmentation.SegmentProfile> profiles = new ArrayList<>();
        for (int rank = 0; rank < k; rank++) {
            int c = byValue[rank];
            profiles.add(new Segmentation.SegmentProfile(names[c], size[c], sumR[c] / size[c], sumF[c] / size[c],
                    sumM[c] / size[c], total == 0 ? 0 : sumM[c] / total));
        }
        Map<String, String> assignments = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            assignments.put(t.customerIds().get(i), names[km.y[i]]);
        }
        return new Segmentation(t.asOf(), k, silhouette, profiles, assignments);
    }

    static double[][] standardise(double[][] x) {
        int p = x[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] r : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += r[j] / x.length;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < p; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / x.length;
            }
        }
        double[][] z = new double[x.length][p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                z[i][j] = sd[j] > 0 ? (x[i][j] - mean[j]) / Math.sqrt(sd[j]) : 0;
            }
        }
        return z;
    }

    private static int[] sample(int n, Random random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return java.util.Arrays.copyOf(all, Math.min(n, SILHOUETTE_SAMPLE));
    }

    /** Mean silhouette over the sampled points (distances to sampled points only). */
    static double silhouette(double[][] z, int[] y, int k, int[] sample) {
        double total = 0;
        for (int a : sample) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int b : sample) {
                if (a != b) {
                    sum[y[b]] += Math.sqrt(MathEx.squaredDistance(z[a], z[b]));
                    count[y[b]]++;
                }
            }
            double own = count[y[a]] == 0 ? 0 : sum[y[a]] / count[y[a]];
            double other = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != y[a] && count[c] > 0) {
                    other = Math.min(other, sum[c] / count[c]);
                }
            }
            double sil = count[y[a]] == 0 || other == Double.POSITIVE_INFINITY ? 0
                    : (other - own) / Math.max(own, other);
            total += sil;
        }
        return total / sample.length;
    }
}
