package dev.bookstore.ml;

import dev.bookstore.ml.Recommendation.Source;
import dev.bookstore.ml.RecommenderOptions.Method;

/**
 * The compiled recommender: every table as primitive arrays over dense item and customer indexes, and the ranking
 * of one customer's or one product's top list into a {@link RecommendationBuffer} without allocating (per-thread
 * scratch arrays, a packed-long heap). Immutable tables; thread-safe.
 */
final class Ranker {
    final RecommenderData.Space space;
    /** Customers × items: orders per (customer, product) up to the as-of day. */
    final Sparse history;
    /** Same-order log-likelihood-ratio neighbours (also bought). */
    final Neighbours alsoBought;
    /** Same-customer cosine neighbours (item-kNN). */
    final Neighbours knn;
    /** Same-customer log-likelihood-ratio neighbours (co-occurrence ranking of a customer's history). */
    final Neighbours llrCustomer;
    /** ALS factors, or null when ALS is not part of this model. */
    final ImplicitAls.Factors als;
    final double alsAlpha;
    /** YᵀY + λI of the item factors (fold-in of a history fetched at another day), or null without ALS. */
    final double[] alsGram;
    /**
     * The item factors by factor, the serving copy of {@code als.items()} (item-major): {@code alsByFactor[a][j]}
     * is factor a of item j. Scoring every item is then {@code f} passes of {@code score[j] += x[a] ×
     * alsByFactor[a][j]}, each over two arrays at the same index, which C2 turns into SIMD multiply-adds; a dot
     * product per item (item-major) is a serial float sum C2 does not vectorise, and one factor-major array read
     * at {@code a × items + j} is not vectorised either (the store and the load at different offsets of two
     * float arrays might alias). Null without ALS.
     */
    private final float[][] alsByFactor;
    /** Items by recent orders, best first, and their scores. */
    final int[] popular;
    final float[] popularScore;
    /** Items of category c by popularity: {@code categoryItems[categoryStart[c] .. categoryStart[c+1]-1]}. */
    final int[] categoryStart;
    final int[] categoryItems;
    /** Item → its place in {@link #popular}. */
    private final int[] popularRank;
    /**
     * Each item's base rate P(j): the share of the customers with a history whose history holds it (the estimate
     * the co-occurrence ranking backs off to), and the items in that order, highest first (ties: lower index).
     */
    private final float[] baseRate;
    private final int[] byBaseRate;

    private final ThreadLocal<Scratch> scratch;

    Ranker(RecommenderData.Space space, Sparse history, Neighbours alsoBought, Neighbours knn,
           Neighbours llrCustomer, ImplicitAls.Factors als, double alsAlpha, double[] alsGram, int[] popular, float[] popularScore) {
        this.space = space;
        this.history = history;
        this.alsoBought = alsoBought;
        this.knn = knn;
        this.llrCustomer = llrCustomer;
        this.als = als;
        this.alsAlpha = alsAlpha;
        this.alsGram = alsGram;
        this.alsByFactor = als == null ? null : byFactor(als.items(), als.f(), space.items());
        this.popular = popular;
        this.popularScore = popularScore;
        int categories = space.categories().length;
        categoryStart = new int[categories + 1];
        for (int i : popular) {
            categoryStart[space.category()[i] + 1]++;
        }
        for (int c = 0; c < categories; c++) {
            categoryStart[c + 1] += categoryStart[c];
        }
        categoryItems = new int[popular.length];
        int[] next = java.util.Arrays.copyOf(categoryStart, categories);
        for (int i : popular) {
            categoryItems[next[space.category()[i]]++] = i;
        }
        popularRank = new int[space.items()];
        for (int r = 0; r < popular.length; r++) {
            popularRank[popular[r]] = r;
        }
        baseRate = baseRates(history);
        byBaseRate = descending(baseRate);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(space.items(), categories));
    }

    /** Per-thread working memory. */
    private static final class Scratch {
        final float[] score;
        final int[] seen;
        final int[] taken;
        final int[] touched;
        final int[] perCategory;
        final float[] categoryWeight;
        final float[] user;
        final TopK heap;
        final long[] drained;
        int stamp;

        Scratch(int items, int categories) {
            score = new float[items];
            seen = new int[items];
            taken = new int[items];
            touched = new int[items];
            perCategory = new int[categories];
            categoryWeight = new float[categories];
            user = new float[512];
            heap = new TopK(Math.max(1, items));
            drained = new long[Math.max(1, items)];
        }
    }

    /**
     * One customer's top list by {@code method}, excluding the history's products, filled up by popularity in the
     * history's categories, then overall.
     *
     * @param items the history's products (ascending), {@code counts} their orders
     * @param userFactors the customer's ALS factors (offset {@code userOffset}), or null to fold the history in
     */
    void forHistory(Method method, int[] items, int[] counts, int from, int to, float[] userFactors, int userOffset,
                    RecommendationQuery q, RecommendationBuffer out) {
        Scratch s = scratch.get();
        begin(s, out);
        for (int e = from; e < to; e++) {
            s.taken[items[e]] = s.stamp; // already bought: never recommended
        }
        int k = q.k();
        switch (method) {
            case CO_OCCURRENCE, ITEM_KNN -> {
                Neighbours nb = method == Method.ITEM_KNN ? knn : llrCustomer;
                int touched = 0;
                for (int e = from; e < to; e++) {
                    int i = items[e];
                    for (int n = nb.start[i]; n < nb.start[i + 1]; n++) {
                        int j = nb.item[n];
                        if (s.seen[j] != s.stamp) {
                            s.seen[j] = s.stamp;
                            s.score[j] = 0;
                            s.touched[touched++] = j;
                        }
                        s.score[j] += nb.score[n];
                    }
                }
                if (method == Method.ITEM_KNN) {
                    select(s, s.touched, touched, q, out, Source.ITEM_KNN);
                } else if (to > from) { // a new customer gets the fill-up below, as with every method
                    selectBackedOff(s, touched, q, out);
                }
            }
            case ALS -> {
                if (als != null && to > from) {
                    int f = als.f();
                    float[] x = userFactors;
                    int xo = userOffset;
                    if (x == null) {
                        float[] folded = ImplicitAls.foldIn(rowOf(items, counts, from, to), als.items(), f,
                                alsAlpha, alsGram);
                        System.arraycopy(folded, 0, s.user, 0, f);
                        x = s.user;
                        xo = 0;
                    }
                    int n = space.items();
                    scoreAll(x, xo, alsByFactor, f, n, s.score);
                    select(s, null, n, q, out, Source.ALS);
                }
            }
            case POPULARITY -> {
                fillPopular(s, q, out);
            }
            case CATEGORY_POPULARITY -> {
                int top = topCategory(s, items, counts, from, to);
                if (top >= 0) {
                    fillCategory(s, top, q, out);
                }
            }
            default -> throw new IllegalStateException("no ranking for " + method);
        }
        if (out.size < k) {
            fillFromCategories(s, items, counts, from, to, q, out);
        }
        if (out.size < k) {
            fillPopular(s, q, out);
        }
    }

    /**
     * {@code score[j] = Σ_a x[xo + a] × byFactor[a][j]} for every item j < n: the customer's dot product with
     * every item's factors, accumulated factor by factor (no allocation).
     */
    static void scoreAll(float[] x, int xo, float[][] byFactor, int f, int n, float[] score) {
        float x0 = x[xo];
        float[] y0 = byFactor[0];
        for (int j = 0; j < n; j++) {
            score[j] = x0 * y0[j];
        }
        for (int a = 1; a < f; a++) {
            float xa = x[xo + a];
            float[] ya = byFactor[a];
            for (int j = 0; j < n; j++) {
                score[j] += xa * ya[j];
            }
        }
    }

    /** The by-factor copy of item-major factors ({@code f} per item, {@code n} items): {@code [a][j]}. */
    static float[][] byFactor(float[] itemMajor, int f, int n) {
        float[][] t = new float[f][n];
        for (int j = 0; j < n; j++) {
            for (int a = 0; a < f; a++) {
                t[a][j] = itemMajor[j * f + a];
            }
        }
        return t;
    }

    /** A product's also-bought list, filled up by popularity in its category, then overall. */
    void alsoBought(int product, RecommendationQuery q, RecommendationBuffer out) {
        Scratch s = scratch.get();
        begin(s, out);
        s.taken[product] = s.stamp;
        int touched = 0;
        for (int n = alsoBought.start[product]; n < alsoBought.start[product + 1]; n++) {
            int j = alsoBought.item[n];
            s.seen[j] = s.stamp;
            s.score[j] = alsoBought.score[n];
            s.touched[touched++] = j;
        }
        select(s, s.touched, touched, q, out, Source.CO_OCCURRENCE);
        if (out.size < q.k()) {
            fillCategory(s, space.category()[product], q, out);
        }
        if (out.size < q.k()) {
            fillPopular(s, q, out);
        }
    }

    private void begin(Scratch s, RecommendationBuffer out) {
        if (++s.stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(s.seen, 0);
            java.util.Arrays.fill(s.taken, 0);
            s.stamp = 1;
        }
        java.util.Arrays.fill(s.perCategory, 0);
        out.size = 0;
        out.products = space.products();
    }

    private boolean admissible(Scratch s, int j, RecommendationQuery q) {
        return s.taken[j] != s.stamp && (!q.excludeOutOfStock() || space.inStock()[j])
                && (q.maxPerCategory() == 0 || s.perCategory[space.category()[j]] < q.maxPerCategory());
    }

    private void add(Scratch s, int j, float score, Source source, RecommendationBuffer out) {
        s.taken[j] = s.stamp;
        s.perCategory[space.category()[j]]++;
        out.item[out.size] = j;
        out.score[out.size] = score;
        out.source[out.size] = (byte) source.ordinal();
        out.size++;
    }

    /** The best admissible candidates by {@code s.score} (candidates: {@code list[0..n-1]}, or items 0..n-1). */
    private void select(Scratch s, int[] list, int n, RecommendationQuery q, RecommendationBuffer out,
                        Source source) {
        s.heap.reset(keep(q, out, n));
        float floor = 0; // no candidate below the heap's smallest score once it is full (nor at or below 0)
        for (int c = 0; c < n; c++) {
            int j = list == null ? c : list[c];
            float v = s.score[j];
            if (v >= floor && consider(s, j, v, q) && s.heap.bar() != Long.MIN_VALUE) {
                floor = TopK.score(s.heap.bar());
            }
        }
        drain(s, q, out, source, false);
    }

    /**
     * The co-occurrence ranking: a product's estimate of P(the customer buys it) is {@code s.score} (the sum of
     * P(j | i) over the history's products i significantly associated with it) or its base rate P(j) when that is
     * higher, e.g. for a product without a significant association; the best k by that estimate. A product
     * ranked by its base rate is named {@link Source#POPULARITY} and scored by that rate. The base-rate walk
     * stops at the first product that cannot enter the heap (the list is in descending order).
     */
    private void selectBackedOff(Scratch s, int touched, RecommendationQuery q, RecommendationBuffer out) {
        s.heap.reset(keep(q, out, space.items()));
        for (int c = 0; c < touched; c++) {
            int j = s.touched[c];
            consider(s, j, Math.max(s.score[j], baseRate[j]), q);
        }
        for (int j : byBaseRate) {
            float v = baseRate[j];
            if (v <= 0 || TopK.key(v, j) <= s.heap.bar()) {
                break;
            }
            if (s.seen[j] != s.stamp) {
                consider(s, j, v, q);
            }
        }
        drain(s, q, out, Source.CO_OCCURRENCE, true);
    }

    /** How many keys the heap keeps: k, or more when a category limit may refuse some of {@code n} candidates. */
    private static int keep(RecommendationQuery q, RecommendationBuffer out, int n) {
        int k = q.k();
        return q.maxPerCategory() == 0 ? k - out.size : Math.min(n, Math.max(8 * k, 64));
    }

    /** Offers item j with score v to the heap when positive, not taken and (if asked) in stock; true if offered. */
    private boolean consider(Scratch s, int j, float v, RecommendationQuery q) {
        if (v > 0 && s.taken[j] != s.stamp && (!q.excludeOutOfStock() || space.inStock()[j])) {
            long key = TopK.key(v, j);
            if (key > s.heap.bar()) {
                s.heap.offer(key);
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the heap's admissible items best first until k, named {@code source}; with {@code baseRates}, an item
     * whose co-occurrence score is below its base rate (or that has none) is named {@link Source#POPULARITY}.
     */
    private void drain(Scratch s, RecommendationQuery q, RecommendationBuffer out, Source source,
                       boolean baseRates) {
        int m = s.heap.drainBestFirst(s.drained);
        for (int c = 0; c < m && out.size < q.k(); c++) {
            int j = TopK.item(s.drained[c]);
            if (admissible(s, j, q)) {
                boolean rate = baseRates && (s.seen[j] != s.stamp || s.score[j] < baseRate[j]);
                add(s, j, TopK.score(s.drained[c]), rate ? Source.POPULARITY : source, out);
            }
        }
    }

    /** Adds admissible items by overall popularity until k. */
    private void fillPopular(Scratch s, RecommendationQuery q, RecommendationBuffer out) {
        for (int c = 0; c < popular.length && out.size < q.k(); c++) {
            int j = popular[c];
            if (admissible(s, j, q)) {
                add(s, j, popularScore[c], Source.POPULARITY, out);
            }
        }
    }

    private void fillCategory(Scratch s, int category, RecommendationQuery q, RecommendationBuffer out) {
        int k = q.k();
        for (int c = categoryStart[category]; c < categoryStart[category + 1] && out.size < k; c++) {
            int j = categoryItems[c];
            if (admissible(s, j, q)) {
                add(s, j, popularity(j), Source.CATEGORY_POPULARITY, out);
            }
        }
    }

    /** Popularity in the history's categories, the most bought category first. */
    private void fillFromCategories(Scratch s, int[] items, int[] counts, int from, int to, RecommendationQuery q,
                                    RecommendationBuffer out) {
        java.util.Arrays.fill(s.categoryWeight, 0);
        for (int e = from; e < to; e++) {
            s.categoryWeight[space.category()[items[e]]] += counts[e];
        }
        while (out.size < q.k()) {
            int best = -1;
            for (int c = 0; c < s.categoryWeight.length; c++) {
                if (s.categoryWeight[c] > 0 && (best < 0 || s.categoryWeight[c] > s.categoryWeight[best])) {
                    best = c;
                }
            }
            if (best < 0) {
                return;
            }
            s.categoryWeight[best] = 0;
            fillCategory(s, best, q, out);
        }
    }

    private int topCategory(Scratch s, int[] items, int[] counts, int from, int to) {
        java.util.Arrays.fill(s.categoryWeight, 0);
        int best = -1;
        for (int e = from; e < to; e++) {
            int c = space.category()[items[e]];
            s.categoryWeight[c] += counts[e];
            if (best < 0 || s.categoryWeight[c] > s.categoryWeight[best]
                    || (s.categoryWeight[c] == s.categoryWeight[best] && c < best)) {
                best = c;
            }
        }
        return best;
    }

    private float popularity(int item) {
        return popularScore[popularRank[item]];
    }

    private static Sparse.Row rowOf(int[] items, int[] counts, int from, int to) {
        return new Sparse.Row(java.util.Arrays.copyOfRange(items, from, to),
                java.util.Arrays.copyOfRange(counts, from, to));
    }

    /** Per item, the share of the customers with a history (rows with an entry) whose history holds it. */
    static float[] baseRates(Sparse history) {
        int[] holders = new int[history.columns];
        int customers = 0;
        for (int u = 0; u < history.rows; u++) {
            customers += history.length(u) > 0 ? 1 : 0;
            for (int e = history.start[u]; e < history.start[u + 1]; e++) {
                holders[history.column[e]]++;
            }
        }
        float[] rate = new float[holders.length];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = customers == 0 ? 0 : (float) holders[i] / customers;
        }
        return rate;
    }

    /** Indexes by descending value, ties by ascending index (the order of {@link TopK#key}). */
    static int[] descending(float[] values) {
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            keys[i] = TopK.key(values[i], i);
        }
        java.util.Arrays.sort(keys);
        int[] order = new int[values.length];
        for (int r = 0; r < order.length; r++) {
            order[r] = TopK.item(keys[keys.length - 1 - r]);
        }
        return order;
    }

    /** Items by recent orders, then all-time orders, then index: the popularity order. */
    static int[] popularity(RecommenderData.Counts counts) {
        int n = counts.orders().length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) counts.recentOrders()[i] << 42) | ((long) Math.min(counts.orders()[i], (1 << 21) - 1)
                    << 21) | (((1 << 21) - 1) - i);
        }
        java.util.Arrays.sort(keys);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = ((1 << 21) - 1) - (int) (keys[n - 1 - r] & ((1 << 21) - 1));
        }
        return order;
    }
}
