package dev.bookstore.ml;

import dev.bookstore.ml.RecommenderOptions.Method;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.NotFoundException;
import dev.bookstore.model.NotReadyException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Product recommendations: "customers who bought X also bought Y" ({@link #alsoBought}) and a customer's personal
 * top list ({@link #forCustomer}), trained on the warehouse's marts, evaluated out of time against two popularity
 * baselines, compiled into primitive arrays for serving and stored in a versioned, checksummed model file.
 * Immutable and thread-safe.
 *
 * <p>{@code train(wh, asOf, options)} reads only the data up to {@code asOf}. Item–item co-occurrence counts (same
 * order; same customer within {@code windowDays}) and item counts are computed by SQL in the database; only the
 * per-customer history (customer, product, orders) is read into the JVM, to fit ALS and to exclude what a customer
 * already bought. Every method and both baselines are first fitted up to {@code asOf − horizon} and evaluated on
 * the purchases of {@code (asOf − horizon, asOf]} ({@link RecommenderEvaluation}); {@code AUTO} serves the best
 * NDCG@10. The model is then refitted on all data up to {@code asOf}.
 *
 * <p>A customer's list never holds a product the customer bought; when the method has fewer than k products (a
 * new customer, products nobody bought with others) it is filled up with recent popularity in the customer's
 * categories, then overall; every item names its {@link Recommendation.Source}.
 *
 * <pre>{@code
 * Recommender recs = Recommender.train(wh, LocalDate.parse("2025-12-31"));
 * System.out.println(recs.evaluation().orElseThrow().report());
 * List<Recommendation> top = recs.forCustomer("CUST_1523", 10);
 * List<Recommendation> also = recs.alsoBought("BOOK_42", 5);
 * recs.write(Path.of("models/recs.bsr"));
 * Recommender loaded = Recommender.read(Path.of("models/recs.bsr"));
 * }</pre>
 */
public final class Recommender {
    private static final ThreadLocal<RecommendationBuffer> BUFFER = ThreadLocal.withInitial(RecommendationBuffer::new);

    /** Asymmetric-cosine exponent of the item-kNN similarity (0.5 would be the cosine). */
    static final double KNN_ALPHA = 0.2;

    private final Ranker ranker;
    private final Method method;
    private final ModelMetadata metadata;
    private final RecommenderEvaluation evaluation;

    Recommender(Ranker ranker, Method method, ModelMetadata metadata, RecommenderEvaluation evaluation) {
        this.ranker = ranker;
        this.method = method;
        this.metadata = metadata;
        this.evaluation = evaluation;
    }

    /**
     * Trains with the default options.
     *
     * @param wh a warehouse with built marts
     * @param asOf the last day whose data may be used
     * @return the trained, evaluated model
     */
    public static Recommender train(Warehouse wh, LocalDate asOf) {
        return train(wh, asOf, RecommenderOptions.defaults());
    }

    /**
     * Evaluates every method out of time, then fits the chosen one on all data up to {@code asOf}.
     *
     * @param wh a warehouse with built marts
     * @param asOf the last day whose data may be used
     * @param options method, windows and ALS settings
     * @return the trained, evaluated model
     * @throws BookstoreException when the warehouse has no product or no order on or before {@code asOf}
     */
    public static Recommender train(Warehouse wh, LocalDate asOf, RecommenderOptions options) {
        Objects.requireNonNull(wh, "wh");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(options, "options");
        RecommenderData.Space space = RecommenderData.space(wh);
        if (space.items() == 0) {
            throw new NotReadyException("cannot train the recommender: the warehouse has no products "
                    + "(marts.dim_products is empty; load products and run the transform)");
        }
        LocalDate fitAsOf = asOf.minusDays(options.horizonDays());
        Ranker past = fit(wh, space, fitAsOf, options, true);
        Sparse test = RecommenderData.interactions(wh, space, fitAsOf, asOf);
        RecommenderEvaluation evaluation = evaluate(past, test, fitAsOf, asOf, options.method());
        Method chosen = evaluation.chosen();
        Ranker now = fit(wh, space, asOf, options, chosen == Method.ALS);
        if (now.history.entries() == 0) {
            throw new NotReadyException("cannot train the recommender: no customer has a valid order "
                    + "on or before " + asOf);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (RecommenderEvaluation.MethodResult r : evaluation.results()) {
            String m = RecommenderEvaluation.name(r.method()).replace('-', '_');
            metrics.put(m + "_hr_at_10", r.hitRate());
            metrics.put(m + "_ndcg_at_10", r.ndcg());
        }
        ModelMetadata metadata = new ModelMetadata("recommender", asOf, fitAsOf, options.horizonDays(),
                now.history.entries(), RecommenderFile.fingerprint(now), metrics);
        return new Recommender(now, chosen, metadata, evaluation);
    }

    /** Fits the tables on the data up to {@code asOf} (ALS only when asked: it is the costly part). */
    private static Ranker fit(Warehouse wh, RecommenderData.Space space, LocalDate asOf, RecommenderOptions o,
                              boolean withAls) {
        Sparse history = RecommenderData.interactions(wh, space, RecommenderData.BEGINNING, asOf);
        RecommenderData.Counts counts = RecommenderData.counts(wh, space, asOf, o.popularityDays());
        Neighbours also = Neighbours.of(RecommenderData.sameOrder(wh, space, asOf, o.minSupport()), space.items(),
                Neighbours.llr(counts.orders(), counts.totalOrders()), o.neighbours());
        RecommenderData.Pairs sameCustomer = RecommenderData.sameCustomer(wh, space, asOf, o.windowDays(),
                o.minSupport());
        Neighbours knn = o.knnWeighting() == RecommenderOptions.KnnWeighting.BM25
                ? Neighbours.bm25(history, Neighbours.BM25_K1, Neighbours.BM25_B, o.neighbours())
                : Neighbours.of(sameCustomer, space.items(), Neighbours.asymmetricCosine(counts.customers(), KNN_ALPHA),
                        o.neighbours());
        Neighbours llr = Neighbours.of(sameCustomer, space.items(),
                Neighbours.significant(counts.customers(), counts.totalCustomers(),
                        Neighbours.conditional(counts.customers())), o.neighbours());
        ImplicitAls.Factors als = null;
        double[] gram = null;
        if (withAls && history.entries() > 0) {
            // with events: strengths in thousandths of an order, so the confidence slope is divided by the scale
            Sparse strengths = o.withEvents() ? RecommenderData.withEvents(wh, space, RecommenderData.BEGINNING, asOf,
                    o.viewWeight(), o.cartWeight()) : history;
            double slope = o.withEvents() ? o.alpha() / RecommenderData.STRENGTH_SCALE : o.alpha();
            als = ImplicitAls.fit(strengths, o.factors(), o.iterations(), slope, o.lambda(), o.seed());
            gram = ImplicitAls.gram(als.items(), als.f(), o.lambda());
        }
        int[] popular = Ranker.popularity(counts);
        float[] popularScore = new float[popular.length];
        for (int r = 0; r < popular.length; r++) {
            popularScore[r] = counts.recentOrders()[popular[r]];
        }
        return new Ranker(space, history, also, knn, llr, als, o.alpha(), gram, popular, popularScore);
    }

    private static RecommenderEvaluation evaluate(Ranker past, Sparse test, LocalDate fitAsOf, LocalDate asOf,
                                                  Method asked) {
        List<Method> methods = new ArrayList<>(List.of(Method.values()));
        methods.remove(Method.AUTO);
        int items = past.space.items();
        RecommendationQuery q = RecommendationQuery.top(RecommenderEvaluation.AT);
        RecommendationBuffer buf = new RecommendationBuffer();
        Sparse h = past.history;
        int[] relevant = new int[items];
        int customers = 0;
        int pairs = 0;
        List<RecommenderEvaluation.Accumulator> acc = new ArrayList<>();
        for (Method m : methods) {
            acc.add(new RecommenderEvaluation.Accumulator(m, items));
        }
        int[] top = new int[RecommenderEvaluation.AT];
        for (int u = 0; u < h.rows; u++) {
            if (h.length(u) == 0 || test.length(u) == 0) {
                continue;
            }
            int rel = 0;
            for (int e = test.start[u]; e < test.start[u + 1]; e++) {
                if (java.util.Arrays.binarySearch(h.column, h.start[u], h.start[u + 1], test.column[e]) < 0) {
                    relevant[rel++] = test.column[e];
                }
            }
            if (rel == 0) {
                continue;
            }
            customers++;
            pairs += rel;
            for (int m = 0; m < methods.size(); m++) {
                past.forHistory(methods.get(m), h.column, h.value, h.start[u], h.start[u + 1],
                        past.als == null ? null : past.als.users(), past.als == null ? 0 : u * past.als.f(), q, buf);
                System.arraycopy(buf.item, 0, top, 0, buf.size);
                acc.get(m).add(top, buf.size, relevant, 0, rel);
            }
        }
        List<RecommenderEvaluation.MethodResult> results = acc.stream()
                .map(RecommenderEvaluation.Accumulator::result).toList();
        Method chosen = asked;
        if (asked == Method.AUTO) {
            chosen = results.stream().max(java.util.Comparator.comparingDouble(
                    RecommenderEvaluation.MethodResult::ndcg)).orElseThrow().method();
        }
        return new RecommenderEvaluation(fitAsOf, asOf, customers, pairs, results, chosen);
    }

    /**
     * Reads and verifies a model file written by {@link #write}.
     *
     * @param file the model file
     * @return the model (no evaluation)
     * @throws ModelFileException when the file is missing, not a recommender model, of an unknown version,
     *     truncated or modified
     */
    public static Recommender read(Path file) {
        return RecommenderFile.read(file);
    }

    /**
     * Writes the model atomically (a sibling temporary file moved into place).
     *
     * @param file the target; parent folders are created
     * @throws ModelFileException when the file cannot be written
     */
    public void write(Path file) {
        RecommenderFile.write(this, file);
    }

    /**
     * The top {@code k} products for a customer, excluding what the customer bought up to the model's as-of day.
     *
     * @param customerId a customer of the warehouse
     * @param k 1..1000
     * @return best first; fewer than {@code k} only when the catalogue holds fewer products the customer lacks
     * @throws BookstoreException when the customer is unknown or {@code k} is out of range
     */
    public List<Recommendation> forCustomer(String customerId, int k) {
        return forCustomer(customerId, RecommendationQuery.top(k));
    }

    /**
     * The top list for a customer with the query's options (stock, category limit).
     *
     * @param customerId a customer of the warehouse
     * @param query k and options
     * @return best first
     * @throws BookstoreException when the customer is unknown
     */
    public List<Recommendation> forCustomer(String customerId, RecommendationQuery query) {
        RecommendationBuffer buf = BUFFER.get();
        forCustomer(customerId, query, buf);
        return buf.toList();
    }

    /**
     * The allocation-free form of {@link #forCustomer(String, RecommendationQuery)}: fills {@code into}.
     *
     * @param customerId a customer of the warehouse
     * @param query k and options
     * @param into the buffer to fill (one per thread)
     * @throws BookstoreException when the customer is unknown
     */
    public void forCustomer(String customerId, RecommendationQuery query, RecommendationBuffer into) {
        int u = customer(customerId);
        Sparse h = ranker.history;
        ImplicitAls.Factors als = ranker.als;
        ranker.forHistory(method, h.column, h.value, h.start[u], h.start[u + 1], als == null ? null : als.users(),
                als == null ? 0 : u * als.f(), query, into);
    }

    /**
     * The top list for a customer from their history as of another day, fetched with one query over the
     * customer's order lines (an indexed look-up); ALS folds that history in.
     *
     * @param wh the warehouse (marts built)
     * @param customerId a customer of the warehouse
     * @param asOf the last day of history to use
     * @param query k and options
     * @return best first
     * @throws BookstoreException when the customer is unknown
     */
    public List<Recommendation> forCustomer(Warehouse wh, String customerId, LocalDate asOf,
                                            RecommendationQuery query) {
        customer(customerId);
        Sparse.Row row = RecommenderData.history(wh, ranker.space, customerId, asOf);
        RecommendationBuffer buf = new RecommendationBuffer();
        ranker.forHistory(method, row.items(), row.counts(), 0, row.items().length, null, 0, query, buf);
        return buf.toList();
    }

    /**
     * Products bought together with a product (same order, ranked by log-likelihood ratio), filled up with
     * popularity in its category, then overall.
     *
     * @param productId a product of the catalogue
     * @param k 1..1000
     * @return best first, never the product itself
     * @throws BookstoreException when the product is unknown or {@code k} is out of range
     */
    public List<Recommendation> alsoBought(String productId, int k) {
        return alsoBought(productId, RecommendationQuery.top(k));
    }

    /**
     * Also-bought with the query's options.
     *
     * @param productId a product of the catalogue
     * @param query k and options
     * @return best first
     * @throws BookstoreException when the product is unknown
     */
    public List<Recommendation> alsoBought(String productId, RecommendationQuery query) {
        RecommendationBuffer buf = BUFFER.get();
        alsoBought(productId, query, buf);
        return buf.toList();
    }

    /**
     * The allocation-free form of {@link #alsoBought(String, RecommendationQuery)}.
     *
     * @param productId a product of the catalogue
     * @param query k and options
     * @param into the buffer to fill (one per thread)
     * @throws BookstoreException when the product is unknown
     */
    public void alsoBought(String productId, RecommendationQuery query, RecommendationBuffer into) {
        Integer i = ranker.space.productIndex().get(Objects.requireNonNull(productId, "productId"));
        if (i == null) {
            throw new NotFoundException("product", productId, "unknown product '" + productId + "': not in the catalogue the "
                    + "recommender was trained on (" + ranker.space.items() + " products, as of "
                    + metadata.trainAsOf() + ")");
        }
        ranker.alsoBought(i, query, into);
    }

    private int customer(String customerId) {
        Integer u = ranker.space.customerIndex().get(Objects.requireNonNull(customerId, "customerId"));
        if (u == null) {
            throw new NotFoundException("customer", customerId, "unknown customer '" + customerId + "': no such customer in the "
                    + "warehouse the recommender was trained on (as of " + metadata.trainAsOf() + ")");
        }
        return u;
    }

    /** @return the customers who had bought something by the as-of day, in id order */
    public List<String> customersWithHistory() {
        List<String> out = new ArrayList<>();
        for (int u = 0; u < ranker.space.users(); u++) {
            if (ranker.history.length(u) > 0) {
                out.add(ranker.space.customers()[u]);
            }
        }
        return List.copyOf(out);
    }

    /** @return the method serving {@link #forCustomer} (never AUTO) */
    public Method method() {
        return method;
    }

    /** @return how the model was made: as-of days, history rows, data fingerprint, HR@10 and NDCG@10 per method */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** @return the out-of-time evaluation when trained in this JVM; empty for a model read from a file */
    public Optional<RecommenderEvaluation> evaluation() {
        return Optional.ofNullable(evaluation);
    }

    Ranker ranker() {
        return ranker;
    }
}
