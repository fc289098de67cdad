package dev.bookstore.ml;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import java.util.Objects;

/**
 * Settings of {@link Recommender#train}: the method, the evaluation horizon, the co-occurrence windows and the
 * ALS hyper-parameters. Validated on construction (the message names the option and the valid range); immutable,
 * changed with the {@code withXxx} copies.
 *
 * <pre>{@code
 * RecommenderOptions o = RecommenderOptions.defaults().withMethod(RecommenderOptions.Method.ALS).withFactors(48);
 * }</pre>
 *
 * @param method the method serving {@link Recommender#forCustomer}; {@code AUTO} picks the best NDCG@10 out of time
 * @param horizonDays evaluation: fit on data up to as-of − horizon, test on the purchases in (as-of − horizon, as-of]
 * @param popularityDays the recent window of the popularity baselines and fallbacks
 * @param windowDays same-customer co-occurrence (item-kNN): purchases at most this many days apart
 * @param neighbours neighbours kept per product (also-bought and item-kNN lists)
 * @param minSupport pairs seen fewer times than this (orders, or customers) are not neighbours
 * @param factors ALS latent factors
 * @param iterations ALS alternations (each solves users, then items)
 * @param alpha ALS confidence slope: confidence = 1 + alpha × orders
 * @param lambda ALS L2 regularisation
 * @param seed random seed of the ALS start; the same seed and data give the same model
 * @param viewWeight ALS interactions: weight of a product view (fct_events) against an order's 1; 0 leaves views out
 * @param cartWeight ALS interactions: weight of an add-to-cart against an order's 1; 0 leaves them out
 * @param knnWeighting how item-kNN scores neighbours: the asymmetric cosine of same-customer co-occurrence, or BM25
 */
public record RecommenderOptions(Method method, int horizonDays, int popularityDays, int windowDays, int neighbours,
                                 int minSupport, int factors, int iterations, double alpha, double lambda,
                                 long seed, double viewWeight, double cartWeight, KnnWeighting knnWeighting) {
    /** How {@link Method#ITEM_KNN} scores a product's neighbours. */
    public enum KnnWeighting {
        /**
         * The asymmetric cosine (Aiolli 2013, alpha 0.2) of the customers who bought both within the window (the
         * counts computed in the database).
         */
        COSINE,
        /**
         * BM25-weighted neighbours over the (product, customer, orders) matrix, as the implicit library's
         * {@code BM25Recommender} (Frederickson): each cell weighted {@code orders × (K1 + 1) / (K1 × ((1 − B) +
         * B × orders of the product / mean orders of a product) + orders) × idf(customer)}, {@code idf = ln(products)
         * − ln(1 + products the customer bought)}, K1 = 100, B = 0.8; a pair's score is the dot product of the two
         * products' weighted rows.
         */
        BM25
    }

    /** How {@link Recommender#forCustomer} ranks products. */
    public enum Method {
        /** The method with the best NDCG@10 in the out-of-time evaluation (baselines included). */
        AUTO,
        /**
         * Same-customer co-occurrence (within the window) with the customer's products, only pairs significant by
         * log-likelihood ratio (Dunning 1993, G² ≥ 3.84), each weighted by the conditional probability
         * P(candidate | bought product) (association-rule confidence), summed over the customer's products: an
         * estimate of P(the customer buys the candidate). It backs off to the candidate's base rate P(bought) (the
         * share of customers with a history who bought it) where that is higher, e.g. for every product without a
         * significant association with the history, so both kinds rank on one probability scale (the base-rate
         * items are named {@code POPULARITY}; a customer without a history gets the usual fill-up). The also-bought lists use same-order co-occurrence ranked by
         * log-likelihood ratio whatever the method.
         */
        CO_OCCURRENCE,
        /**
         * Sum of the asymmetric cosine similarities (Aiolli 2013, alpha 0.2; same customer within a window) to the
         * customer's products.
         */
        ITEM_KNN,
        /** Implicit-feedback matrix factorisation (Hu, Koren and Volinsky 2008), conjugate-gradient solver. */
        ALS,
        /** Baseline: the most ordered products of the recent window. */
        POPULARITY,
        /** Baseline: the most ordered products of the recent window within the customer's top category. */
        CATEGORY_POPULARITY
    }

    /**
     * Validates.
     *
     * @param method not null
     * @param horizonDays 1..365
     * @param popularityDays 1..3650
     * @param windowDays 0..3650
     * @param neighbours 1..1000
     * @param minSupport 1..1000000
     * @param factors 1..512
     * @param iterations 1..100
     * @param alpha 0..10000
     * @param lambda greater than 0
     * @param seed any
     * @param viewWeight 0..1 (lower than a purchase's 1)
     * @param cartWeight 0..1
     * @param knnWeighting not null
     */
    public RecommenderOptions {
        Objects.requireNonNull(method, "method");
        range("horizonDays", horizonDays, 1, 365);
        range("popularityDays", popularityDays, 1, 3650);
        range("windowDays", windowDays, 0, 3650);
        range("neighbours", neighbours, 1, 1000);
        range("minSupport", minSupport, 1, 1_000_000);
        range("factors", factors, 1, 512);
        range("iterations", iterations, 1, 100);
        if (!(alpha >= 0 && alpha <= 10_000)) {
            throw new InvalidArgumentException("recommender option alpha must be in 0..10000, got " + alpha);
        }
        if (!(lambda > 0 && lambda <= 10_000)) {
            throw new InvalidArgumentException("recommender option lambda must be in (0, 10000], got " + lambda);
        }
        weight("viewWeight", viewWeight);
        weight("cartWeight", cartWeight);
        Objects.requireNonNull(knnWeighting, "knnWeighting");
    }

    private static void weight(String name, double w) {
        if (!(w >= 0 && w <= 1)) {
            throw new InvalidArgumentException(name, "recommender option " + name + " must be in 0..1 (an order "
                    + "weighs 1), got " + w);
        }
    }

    /** @return whether the ALS interactions include events (a view or cart weight above 0) */
    public boolean withEvents() {
        return viewWeight > 0 || cartWeight > 0;
    }

    /**
     * @return AUTO, 30-day horizon and popularity window, 60-day kNN window, 50 neighbours, support 2, ALS 32
     *     factors × 10 iterations, alpha 2, lambda 100, orders only (no events), cosine item-kNN
     */
    public static RecommenderOptions defaults() {
        return new RecommenderOptions(Method.AUTO, 30, 30, 60, 50, 2, 32, 10, 2.0, 100.0, 7L, 0, 0,
                KnnWeighting.COSINE);
    }

    /** @param m the method @return a copy */
    public RecommenderOptions withMethod(Method m) {
        return new RecommenderOptions(m, horizonDays, popularityDays, windowDays, neighbours, minSupport, factors,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param days evaluation horizon @return a copy */
    public RecommenderOptions withHorizonDays(int days) {
        return new RecommenderOptions(method, days, popularityDays, windowDays, neighbours, minSupport, factors,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param days popularity window @return a copy */
    public RecommenderOptions withPopularityDays(int days) {
        return new RecommenderOptions(method, horizonDays, days, windowDays, neighbours, minSupport, factors,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param days same-customer window @return a copy */
    public RecommenderOptions withWindowDays(int days) {
        return new RecommenderOptions(method, horizonDays, popularityDays, days, neighbours, minSupport, factors,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param n neighbours per product @return a copy */
    public RecommenderOptions withNeighbours(int n) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, n, minSupport, factors,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param n minimum support @return a copy */
    public RecommenderOptions withMinSupport(int n) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, neighbours, n, factors,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param n ALS factors @return a copy */
    public RecommenderOptions withFactors(int n) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, neighbours, minSupport, n,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param n ALS iterations @return a copy */
    public RecommenderOptions withIterations(int n) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, neighbours, minSupport, factors,
                n, alpha, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param a ALS confidence slope @return a copy */
    public RecommenderOptions withAlpha(double a) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, neighbours, minSupport, factors,
                iterations, a, lambda, seed, viewWeight, cartWeight, knnWeighting);
    }

    /** @param l ALS regularisation @return a copy */
    public RecommenderOptions withLambda(double l) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, neighbours, minSupport, factors,
                iterations, alpha, l, seed, viewWeight, cartWeight, knnWeighting);
    }

    /**
     * @param view weight of a product view (0..1)
     * @param cart weight of an add-to-cart (0..1)
     * @return a copy whose ALS interactions add the customers' product views and add-to-carts with these weights
     */
    public RecommenderOptions withEventWeights(double view, double cart) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, neighbours, minSupport, factors,
                iterations, alpha, lambda, seed, view, cart, knnWeighting);
    }

    /** @param w item-kNN weighting @return a copy */
    public RecommenderOptions withKnnWeighting(KnnWeighting w) {
        return new RecommenderOptions(method, horizonDays, popularityDays, windowDays, neighbours, minSupport, factors,
                iterations, alpha, lambda, seed, viewWeight, cartWeight, w);
    }

    private static void range(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new InvalidArgumentException("recommender option " + name + " must be in " + lo + ".." + hi + ", got "
                    + value);
        }
    }
}
