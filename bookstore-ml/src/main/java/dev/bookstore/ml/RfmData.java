package dev.bookstore.ml;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The (frequency, recency, T) patterns of an RFM summary, each with the number of customers sharing it, sorted by
 * frequency, recency and T; the distinct frequencies (so that the gamma-function terms are computed once per
 * frequency per likelihood call) and the distinct time points (recencies and ages, so that terms such as
 * ln(alpha + T) are computed once per point). With daily purchase days over a year there are at most 366 points
 * however many customers there are.
 */
final class RfmData {
    final int[] x;
    final double[] tx;
    final double[] age;
    final double[] weight;
    /** Index of each pattern's frequency in {@link #frequencies}. */
    final int[] xIndex;
    final int[] frequencies;
    /** The patterns of {@code frequencies[j]} are {@code xStart[j]} to {@code xStart[j + 1] - 1}. */
    final int[] xStart;
    /** The distinct recencies and ages, ascending. */
    final double[] points;
    /** Index of each pattern's recency and age in {@link #points}. */
    final int[] txPoint;
    final int[] agePoint;
    final int customers;

    private RfmData(int[] x, double[] tx, double[] age, double[] weight, int customers) {
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        this.customers = customers;
        int n = x.length;
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                distinct++;
            }
        }
        frequencies = new int[distinct];
        xStart = new int[distinct + 1];
        xIndex = new int[n];
        int j = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                frequencies[++j] = x[i];
                xStart[j] = i;
            }
            xIndex[i] = j;
        }
        xStart[distinct] = n;
        double[] all = new double[2 * n];
        System.arraycopy(tx, 0, all, 0, n);
        System.arraycopy(age, 0, all, n, n);
        points = Arrays.stream(all).sorted().distinct().toArray();
        txPoint = new int[n];
        agePoint = new int[n];
        for (int i = 0; i < n; i++) {
            txPoint[i] = Arrays.binarySearch(points, tx[i]);
            agePoint[i] = Arrays.binarySearch(points, age[i]);
        }
    }

    static RfmData of(List<RfmSummary.Customer> customers) {
        record Key(int x, double tx, double age) {
        }
        Map<Key, double[]> counts = new HashMap<>();
        for (RfmSummary.Customer c : customers) {
            counts.computeIfAbsent(new Key(c.frequency(), c.frequency() == 0 ? 0 : c.recency(), c.age()),
                    k -> new double[1])[0]++;
        }
        List<Map.Entry<Key, double[]>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Key::x)
                        .thenComparingDouble(Key::tx).thenComparingDouble(Key::age)))
                .toList();
        int n = sorted.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            Key k = sorted.get(i).getKey();
            x[i] = k.x();
            tx[i] = k.tx();
            age[i] = k.age();
            w[i] = sorted.get(i).getValue()[0];
        }
        return new RfmData(x, tx, age, w, customers.size());
    }

    int patterns() {
        return x.length;
    }

    /** ln(c + p) for every point p. */
    double[] logShifted(double c) {
        double[] out = new double[points.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.log(c + points[k]);
        }
        return out;
    }
}
