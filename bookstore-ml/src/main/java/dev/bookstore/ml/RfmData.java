package dev.bookstore.ml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The (frequency, recency, T) patterns of an RFM summary, each with the number of customers sharing it, and the
 * distinct frequencies (so that the gamma-function terms are computed once per frequency per likelihood call).
 */
final class RfmData {
    final int[] x;
    final double[] tx;
    final double[] age;
    final double[] weight;
    /** Index of each pattern's frequency in {@link #frequencies}. */
    final int[] xIndex;
    final int[] frequencies;
    final int customers;

    private RfmData(int[] x, double[] tx, double[] age, double[] weight, int customers) {
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        this.customers = customers;
        TreeMap<Integer, Integer> distinct = new TreeMap<>();
        for (int v : x) {
            distinct.putIfAbsent(v, 0);
        }
        frequencies = new int[distinct.size()];
        int k = 0;
        for (Map.Entry<Integer, Integer> e : distinct.entrySet()) {
            frequencies[k] = e.getKey();
            e.setValue(k++);
        }
        xIndex = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            xIndex[i] = distinct.get(x[i]);
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
        int n = counts.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        int i = 0;
        for (var e : counts.entrySet()) {
            x[i] = e.getKey().x();
            tx[i] = e.getKey().tx();
            age[i] = e.getKey().age();
            w[i++] = e.getValue()[0];
        }
        return new RfmData(x, tx, age, w, customers.size());
    }

    int patterns() {
        return x.length;
    }
}
