package dev.bookstore.ml;

import java.util.Arrays;

/**
 * Per item, its best-scoring neighbours, best first, as compressed rows of primitive arrays (the serving form of
 * the also-bought and item-kNN lists). Built from co-occurrence pair counts with a similarity: the log-likelihood
 * ratio of Dunning (1993), the asymmetric cosine or a conditional probability; or from the (customer, product,
 * orders) matrix with BM25 weights ({@link #bm25}). Immutable.
 */
final class Neighbours {
    final int[] start;
    final int[] item;
    final float[] score;

    Neighbours(int[] start, int[] item, float[] score) {
        this.start = start;
        this.item = item;
        this.score = score;
    }

    int items() {
        return start.length - 1;
    }

    /** The score of neighbour {@code b} in item {@code a}'s list, from the pair's count (may be asymmetric). */
    @FunctionalInterface
    interface Similarity {
        double of(int together, int a, int b);
    }

    /** The G² a pair must reach to be a co-occurrence neighbour: p < 0.05 for one degree of freedom. */
    static final double SIGNIFICANT = 3.84;

    /**
     * {@code weight} among significantly associated pairs only (log-likelihood ratio ≥ {@link #SIGNIFICANT} over
     * {@code total} baskets), 0 for the others.
     */
    static Similarity significant(int[] itemCount, int total, Similarity weight) {
        Similarity llr = llr(itemCount, total);
        return (together, a, b) -> llr.of(together, a, b) < SIGNIFICANT ? 0 : weight.of(together, a, b);
    }

    /** The conditional probability that a buyer of {@code a} also bought {@code b}: together / |a|. */
    static Similarity conditional(int[] itemCount) {
        return (together, a, b) -> itemCount[a] <= 0 ? 0 : (double) together / itemCount[a];
    }

    /**
     * The asymmetric cosine of Aiolli (2013): together / (|a|^(1 − {@code alpha}) · |b|^{@code alpha}); alpha 0.5 is
     * the cosine, a smaller alpha favours the more bought neighbour.
     */
    static Similarity asymmetricCosine(int[] itemCount, double alpha) {
        return (together, a, b) -> itemCount[a] <= 0 || itemCount[b] <= 0 ? 0
                : together / (Math.pow(itemCount[a], 1 - alpha) * Math.pow(itemCount[b], alpha));
    }

    /** The log-likelihood ratio of a pair's 2×2 table over {@code total} baskets; 0 for a negative association. */
    static Similarity llr(int[] itemCount, int total) {
        return (together, a, b) -> {
            long k11 = together;
            long k12 = itemCount[a] - together;
            long k21 = itemCount[b] - together;
            long k22 = (long) total - itemCount[a] - itemCount[b] + together;
            if (k12 < 0 || k21 < 0 || k22 < 0) {
                return 0;
            }
            // only "bought together more often than chance" is a neighbour
            if ((double) k11 * (k21 + k22) <= (double) k21 * (k11 + k12)) {
                return 0;
            }
            return logLikelihoodRatio(k11, k12, k21, k22);
        };
    }

    /**
     * Dunning's G² statistic of a 2×2 contingency table: 2 × (row entropy + column entropy − matrix entropy), in
     * the un-normalised entropy form {@code H = xlogx(Σ) − Σ xlogx}.
     */
    static double logLikelihoodRatio(long k11, long k12, long k21, long k22) {
        double rows = entropy(k11 + k12, k21 + k22);
        double columns = entropy(k11 + k21, k12 + k22);
        double matrix = entropy(k11, k12, k21, k22);
        return rows + columns < matrix ? 0 : 2.0 * (rows + columns - matrix);
    }

    private static double entropy(long... k) {
        long sum = 0;
        double parts = 0;
        for (long x : k) {
            sum += x;
            parts += xLogX(x);
        }
        return xLogX(sum) - parts;
    }

    private static double xLogX(long x) {
        return x == 0 ? 0 : x * Math.log(x);
    }

    /** The top {@code keep} neighbours of every item among {@code pairs}, scored by {@code similarity} (> 0 only). */
    static Neighbours of(RecommenderData.Pairs pairs, int items, Similarity similarity, int keep) {
        int n = pairs.size();
        int[] degree = new int[items + 1];
        double[] ab = new double[n];
        double[] ba = new double[n];
        for (int p = 0; p < n; p++) {
            ab[p] = similarity.of(pairs.together()[p], pairs.a()[p], pairs.b()[p]);
            ba[p] = similarity.of(pairs.together()[p], pairs.b()[p], pairs.a()[p]);
            degree[pairs.a()[p] + 1] += ab[p] > 0 ? 1 : 0;
            degree[pairs.b()[p] + 1] += ba[p] > 0 ? 1 : 0;
        }
        for (int i = 0; i < items; i++) {
            degree[i + 1] += degree[i];
        }
        long[] keys = new long[degree[items]];
        int[] next = Arrays.copyOf(degree, items);
        for (int p = 0; p < n; p++) {
            if (ab[p] > 0) {
                keys[next[pairs.a()[p]]++] = TopK.key((float) ab[p], pairs.b()[p]);
            }
            if (ba[p] > 0) {
                keys[next[pairs.b()[p]]++] = TopK.key((float) ba[p], pairs.a()[p]);
            }
        }
        int[] start = new int[items + 1];
        int total = 0;
        for (int i = 0; i < items; i++) {
            int from = degree[i];
            int to = degree[i + 1];
            Arrays.sort(keys, from, to);
            start[i] = total;
            total += Math.min(keep, to - from);
        }
        start[items] = total;
        int[] item = new int[total];
        float[] score = new float[total];
        for (int i = 0; i < items; i++) {
            int to = degree[i + 1];
            for (int e = start[i]; e < start[i + 1]; e++) {
                long key = keys[to - 1 - (e - start[i])];
                item[e] = TopK.item(key);
                score[e] = TopK.score(key);
            }
        }
        return new Neighbours(start, item, score);
    }

    /** BM25's term-frequency saturation, as the implicit library's {@code BM25Recommender} default. */
    static final double BM25_K1 = 100;
    /** BM25's length normalisation, as the implicit library's default. */
    static final double BM25_B = 0.8;

    /**
     * BM25-weighted item neighbours (Frederickson's implicit {@code bm25_weight} on the item × customer matrix,
     * then item–item dot products): with {@code N} the items, {@code idf(u) = ln N − ln(1 + items u bought)},
     * {@code norm(i) = (1 − b) + b × orders(i) / mean orders of an item}, each cell weighs {@code w(i, u) = c ×
     * (k1 + 1) / (k1 × norm(i) + c) × idf(u)} and the score of j for i is {@code Σ_u w(i, u) × w(j, u)} (symmetric;
     * positive scores only, the item itself left out).
     *
     * @param userItems customers × items, orders per cell
     */
    static Neighbours bm25(Sparse userItems, double k1, double b, int keep) {
        int items = userItems.columns;
        Sparse itemUsers = userItems.transpose();
        double[] norm = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            for (int e = itemUsers.start[i]; e < itemUsers.start[i + 1]; e++) {
                norm[i] += itemUsers.value[e];
            }
            total += norm[i];
        }
        double mean = total / Math.max(1, items);
        for (int i = 0; i < items; i++) {
            norm[i] = (1 - b) + b * (mean > 0 ? norm[i] / mean : 0);
        }
        double[] idf = new double[userItems.rows];
        for (int u = 0; u < idf.length; u++) {
            idf[u] = Math.log(items) - Math.log1p(userItems.length(u));
        }
        int[][] lists = new int[items][];
        float[][] scores = new float[items][];
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[items]);
        ThreadLocal<boolean[]> marks = ThreadLocal.withInitial(() -> new boolean[items]);
        java.util.stream.IntStream.range(0, items).parallel().forEach(i -> {
            double[] acc = scratch.get();
            boolean[] seen = marks.get();
            RecommenderData.IntList touched = new RecommenderData.IntList();
            for (int e = itemUsers.start[i]; e < itemUsers.start[i + 1]; e++) {
                int u = itemUsers.column[e];
                double wi = bm25Weight(itemUsers.value[e], norm[i], idf[u], k1);
                for (int f = userItems.start[u]; f < userItems.start[u + 1]; f++) {
                    int j = userItems.column[f];
                    if (j != i) {
                        if (!seen[j]) {
                            seen[j] = true;
                            touched.add(j);
                        }
                        acc[j] += wi * bm25Weight(userItems.value[f], norm[j], idf[u], k1);
                    }
                }
            }
            int[] js = touched.toArray();
            long[] keys = new long[js.length];
            int n = 0;
            for (int j : js) {
                if (acc[j] > 0) {
                    keys[n++] = TopK.key((float) acc[j], j);
                }
                acc[j] = 0;
                seen[j] = false;
            }
            Arrays.sort(keys, 0, n);
            int m = Math.min(keep, n);
            lists[i] = new int[m];
            scores[i] = new float[m];
            for (int r = 0; r < m; r++) {
                lists[i][r] = TopK.item(keys[n - 1 - r]);
                scores[i][r] = TopK.score(keys[n - 1 - r]);
            }
        });
        int[] start = new int[items + 1];
        for (int i = 0; i < items; i++) {
            start[i + 1] = start[i] + lists[i].length;
        }
        int[] item = new int[start[items]];
        float[] score = new float[start[items]];
        for (int i = 0; i < items; i++) {
            System.arraycopy(lists[i], 0, item, start[i], lists[i].length);
            System.arraycopy(scores[i], 0, score, start[i], scores[i].length);
        }
        return new Neighbours(start, item, score);
    }

    private static double bm25Weight(int count, double norm, double idf, double k1) {
        return count * (k1 + 1) / (k1 * norm + count) * idf;
    }
}
