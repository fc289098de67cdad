package dev.bookstore.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * A reusable holder of one top list, for the allocation-free serving path
 * ({@link Recommender#forCustomer(String, RecommendationQuery, RecommendationBuffer)}): primitive arrays refilled
 * by every call. Not thread-safe: one per thread. Holds up to {@value RecommendationQuery#MAX_K} items.
 *
 * <pre>{@code
 * RecommendationBuffer buf = new RecommendationBuffer();
 * recs.forCustomer("CUST_1523", RecommendationQuery.top(10), buf);
 * for (int i = 0; i < buf.size(); i++) { send(buf.productId(i), buf.score(i)); }
 * }</pre>
 */
public final class RecommendationBuffer {
    private static final Recommendation.Source[] SOURCES = Recommendation.Source.values();
    final int[] item = new int[RecommendationQuery.MAX_K];
    final float[] score = new float[RecommendationQuery.MAX_K];
    final byte[] source = new byte[RecommendationQuery.MAX_K];
    int size;
    String[] products = new String[0];

    /** An empty buffer. */
    public RecommendationBuffer() {
    }

    /** @return how many items the last call filled */
    public int size() {
        return size;
    }

    /** @param i 0..size-1 @return the i-th product id */
    public String productId(int i) {
        return products[item[check(i)]];
    }

    /** @param i 0..size-1 @return the i-th score */
    public double score(int i) {
        return score[check(i)];
    }

    /** @param i 0..size-1 @return where the i-th item came from */
    public Recommendation.Source source(int i) {
        return SOURCES[source[check(i)]];
    }

    /** @return the items as an immutable list of records */
    public List<Recommendation> toList() {
        List<Recommendation> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Recommendation(productId(i), score(i), source(i)));
        }
        return List.copyOf(out);
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size + " recommendations");
        }
        return i;
    }
}
