package dev.bookstore.ml;

import java.util.Objects;

/**
 * One recommended product: its id, its score under the method that put it there, and that source.
 *
 * <pre>{@code
 * for (Recommendation r : recs.forCustomer("CUST_1523", 10)) {
 *     System.out.println(r.productId() + " " + r.source());
 * }
 * }</pre>
 *
 * @param productId the product
 * @param score the source's score (higher is better; comparable only within one source)
 * @param source where the item came from
 */
public record Recommendation(String productId, double score, Source source) {
    /** Where a recommended item came from. */
    public enum Source {
        /** Co-occurrence, log-likelihood ratio: same order (also bought) or same customer within a window. */
        CO_OCCURRENCE,
        /** Item-kNN over the customer's history (cosine of same-customer co-occurrence within a window, or BM25). */
        ITEM_KNN,
        /** Implicit ALS factors. */
        ALS,
        /** Recent popularity within one of the customer's (or the product's) categories. */
        CATEGORY_POPULARITY,
        /**
         * Popularity overall: recent orders (the fill-up of every method), or, in the co-occurrence ranking, the
         * product's base rate (the share of customers with a history who bought it; the score is that share).
         */
        POPULARITY
    }

    /**
     * Checks the fields.
     *
     * @param productId not null
     * @param score any finite value
     * @param source not null
     */
    public Recommendation {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(source, "source");
    }
}
