package dev.bookstore.ml;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;

/**
 * What to recommend: how many products, whether to leave out products out of stock, and how many products of one
 * category at most. Immutable; validated on construction.
 *
 * <pre>{@code
 * RecommendationQuery q = RecommendationQuery.top(10).excludingOutOfStock().atMostPerCategory(3);
 * List<Recommendation> top = recs.forCustomer("CUST_1523", q);
 * }</pre>
 *
 * @param k how many products, 1..{@value #MAX_K}
 * @param excludeOutOfStock leave out products whose stock was 0 or less when the model was trained
 * @param maxPerCategory at most this many products of one category; 0 for no limit
 */
public record RecommendationQuery(int k, boolean excludeOutOfStock, int maxPerCategory) {
    /** The largest k a query may ask for. */
    public static final int MAX_K = 1000;

    /**
     * Validates.
     *
     * @param k 1..{@value #MAX_K}
     * @param excludeOutOfStock any
     * @param maxPerCategory 0..{@value #MAX_K}
     * @throws BookstoreException when {@code k} or {@code maxPerCategory} is out of range
     */
    public RecommendationQuery {
        if (k < 1 || k > MAX_K) {
            throw new InvalidArgumentException("k", "k must be in 1.." + MAX_K + ", got " + k);
        }
        if (maxPerCategory < 0 || maxPerCategory > MAX_K) {
            throw new InvalidArgumentException("maxPerCategory", "maxPerCategory must be in 0.." + MAX_K + " (0: no limit), got "
                    + maxPerCategory);
        }
    }

    /**
     * @param k how many products, 1..{@value #MAX_K}
     * @return the top {@code k}, in stock or not, without a category limit
     */
    public static RecommendationQuery top(int k) {
        return new RecommendationQuery(k, false, 0);
    }

    /** @return a copy that leaves out products out of stock */
    public RecommendationQuery excludingOutOfStock() {
        return new RecommendationQuery(k, true, maxPerCategory);
    }

    /** @param n at most this many products of one category (1..1000) @return a copy */
    public RecommendationQuery atMostPerCategory(int n) {
        if (n < 1) {
            throw new InvalidArgumentException("atMostPerCategory", "atMostPerCategory must be at least 1, got " + n);
        }
        return new RecommendationQuery(k, excludeOutOfStock, n);
    }
}
