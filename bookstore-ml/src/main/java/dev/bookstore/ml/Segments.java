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
import smile.clustering.KMeans;
import smile.clustering.PartitionClustering;
import smile.math.MathEx;
import smile.validation.metric.AdjustedRandIndex;

/**
 * Front door for customer segmentation: k-means (Smile) on standardised RFM — recency, log frequency, log
 * monetary — with k fixed or chosen by the best silhouette within a range (on a fixed sample of customers); the
 * best of ten seeded k-means++ runs per k, so that the segments do not depend on the seed (adjusted Rand index
 * 0.9 or more across seeds and against the previous month's segments, pinned by the tests). Each segment is named
 * from its profile: the active segments (recency at or below the mean) by value — {@code high value},
 * {@code medium value}, {@code low value} —, then {@code at risk} (recency up to one standard deviation above the
 * mean) and {@code lapsed} (further). k is the smallest within 0.02 of the best silhouette. The same seed and
 * data give the same segments. Copy-on-configure: {@code kRange} and {@code seed} return new instances.
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
        return fit(asOf).describe();
    }

    /** k is the smallest whose silhouette is at most this much below the best one's. */
    static final double SILHOUETTE_TOLERANCE = 0.02;

    /** Best-of restarts of k-means for each k: the partition with the lowest distortion wins. */
    static final int RESTARTS = 10;

    /**
     * The clustering as of a day: the RFM standardisation, the k-means fit (the best of {@link #RESTARTS} seeded
     * k-means++ runs for each k; k by the best silhouette on a fixed sample of customers, so that the algorithm's
     * seed does not move it) and each segment's name.
     */
    Fit fit(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        FeatureTable t = Features.of(wh).asOf(asOf);
        if (t.size() < maxK * 5) {
            throw new InvalidArgumentException("only " + t.size() + " customers have orders by " + asOf
                    + "; segmentation into up to " + maxK + " segments needs at least " + maxK * 5);
        }
        double[][] raw = rfm(t);
        double[] mean = new double[3];
        double[] sd = new double[3];
        moments(raw, mean, sd);
        double[][] z = standardise(raw, mean, sd);
        int[] sample = sample(z.length);
        KMeans[] fits = new KMeans[maxK + 1];
        double[] silhouettes = new double[maxK + 1];
        double top = Double.NEGATIVE_INFINITY;
        for (int k = minK; k <= maxK; k++) {
            MathEx.setSeed(seed);
            int kk = k;
            fits[k] = PartitionClustering.run(RESTARTS, () -> KMeans.fit(z, kk, 100, 1e-4));
            silhouettes[k] = silhouette(z, fits[k].y, k, sample);
            top = Math.max(top, silhouettes[k]);
        }
        // the fewest segments whose silhouette is within SILHOUETTE_TOLERANCE of the best: near-ties between two
        // k would otherwise flip from one month to the next
        int chosen = maxK;
        for (int k = minK; k <= maxK; k++) {
            if (silhouettes[k] >= top - SILHOUETTE_TOLERANCE) {
                chosen = k;
                break;
            }
        }
        KMeans best = fits[chosen];
        double bestSilhouette = silhouettes[chosen];
        return new Fit(t, mean, sd, best, bestSilhouette, names(best.centroids));
    }

    /** Raw RFM rows: recency in days, log(1 + orders), log(1 + gross revenue). */
    private static double[][] rfm(FeatureTable t) {
        FeatureSchema s = t.schema();
        int r = s.indexOf("recency_days");
        int f = s.indexOf("frequency");
        int m = s.indexOf("monetary");
        double[][] raw = new double[t.size()][];
        for (int i = 0; i < raw.length; i++) {
            double[] x = t.rowsUnsafe()[i];
            raw[i] = new double[] {x[r], Math.log1p(x[f]), Math.log1p(Math.max(0, x[m]))};
        }
        return raw;
    }

    /**
     * One day's clustering.
     *
     * @param table the customers' features
     * @param mean the RFM means the standardisation used
     * @param sd the RFM standard deviations (1 where a column is constant)
     * @param km the k-means fit on the standardised RFM
     * @param silhouette its mean silhouette on the sample
     * @param names each cluster's business name
     */
    record Fit(FeatureTable table, double[] mean, double[] sd, KMeans km, double silhouette, String[] names) {
        /** @return each customer of {@code other}'s table assigned to this fit's nearest centroid */
        int[] assign(FeatureTable other) {
            double[][] z = standardise(rfm(other), mean, sd);
            int[] out = new int[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = km.predict(z[i]);
            }
            return out;
        }

        Segmentation describe() {
            return Segments.describe(table, km, silhouette, names);
        }
    }

    /**
     * Business names from the centroids (standardised recency, log frequency, log monetary): the activity from the
     * recency — at or below the mean: active; up to one standard deviation above: at risk; further: lapsed — and,
     * for the active segments, the value tier from the rank of frequency plus monetary among all segments: the
     * highest is high value, the lowest low value, the others medium value (all three recent buyers).
     */
    static String[] names(double[][] centroids) {
        int k = centroids.length;
        Integer[] byValue = new Integer[k];
        for (int c = 0; c < k; c++) {
            byValue[c] = c;
        }
        java.util.Arrays.sort(byValue, Comparator.comparingDouble((Integer c) -> -(centroids[c][1] + centroids[c][2]))
                .thenComparingInt(c -> c));
        String[] names = new String[k];
        Map<String, Integer> used = new HashMap<>();
        for (int rank = 0; rank < k; rank++) {
            int c = byValue[rank];
            double recency = centroids[c][0];
            String name;
            if (recency > 1.0) {
                name = "lapsed";
            } else if (recency > 0.0) {
                name = "at risk";
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
        return names;
    }

    /**
     * How stable the segments are: the adjusted Rand index between this seed's assignments and each other seed's
     * (the lowest), and between this month's assignments and the previous month's segments applied to this month's
     * customers (the same segment definitions, whatever customers moved between them).
     *
     * @param seedAri the lowest ARI against the other seeds
     * @param monthAri the ARI against the segments fitted one month earlier
     * @param k the number of segments this month
     * @param previousK the number of segments the month before
     */
    record Stability(double seedAri, double monthAri, int k, int previousK) {
    }

    Stability stability(LocalDate asOf, long... otherSeeds) {
        Fit now = fit(asOf);
        double seedAri = 1.0;
        for (long other : otherSeeds) {
            Fit f = seed(other).fit(asOf);
            seedAri = Math.min(seedAri, AdjustedRandIndex.of(now.km().y, f.km().y));
        }
        Fit previous = fit(asOf.minusMonths(1));
        double monthAri = AdjustedRandIndex.of(now.km().y, previous.assign(now.table()));
        return new Stability(seedAri, monthAri, now.km().k, previous.km().k);
    }

    private static Segmentation describe(FeatureTable t, KMeans km, double silhouette, String[] names) {
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
        Integer[] byValue = new Integer[k];
        for (int c = 0; c < k; c++) {
            byValue[c] = c;
        }
        double[][] cz = km.centroids;
        java.util.Arrays.sort(byValue, Comparator.comparingDouble((Integer c) -> -(cz[c][1] + cz[c][2] - cz[c][0]))
                .thenComparingInt(c -> c));
        List<Segmentation.SegmentProfile> profiles = new ArrayList<>();
        for (int c : byValue) {
            profiles.add(new Segmentation.SegmentProfile(names[c], size[c], sumR[c] / size[c], sumF[c] / size[c],
                    sumM[c] / size[c], total == 0 ? 0 : sumM[c] / total));
        }
        Map<String, String> assignments = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            assignments.put(t.customerIds().get(i), names[km.y[i]]);
        }
        return new Segmentation(t.asOf(), k, silhouette, profiles, assignments);
    }

    private static void moments(double[][] x, double[] mean, double[] sd) {
        int p = mean.length;
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
        for (int j = 0; j < p; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1.0;
        }
    }

    static double[][] standardise(double[][] x, double[] mean, double[] sd) {
        double[][] z = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                z[i][j] = (x[i][j] - mean[j]) / sd[j];
            }
        }
        return z;
    }

    /** Every (n / 2000)-th customer in id order: a sample that no seed moves. */
    private static int[] sample(int n) {
        int m = Math.min(n, SILHOUETTE_SAMPLE);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = (int) ((long) i * n / m);
        }
        return out;
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
