package dev.bookstore.examples.http;

import dev.bookstore.ml.Recommendation;
import dev.bookstore.ml.RecommendationQuery;
import dev.bookstore.ml.Recommender;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Recommendations from the served recommender ({@value ModelShelf#RECS_FILE}, {@link Recommender}):
 * {@code GET /recommend?customer_id=&k=} a customer's top list (never what they bought by the model's day) and
 * {@code GET /also-bought?product_id=&k=} the products bought in the same orders. Both take the query options of
 * {@link RecommendationQuery}: {@code in_stock} and {@code per_category}. An unknown id is 404 (the library's
 * {@code NotFoundException}); 503 until the model file is in the models folder.
 */
final class RecommendRoutes implements Route.Set {
    static final Param<String> CUSTOMER = Param.id("customer_id", "the customer, e.g. CUST_1523");
    static final Param<String> PRODUCT = Param.id("product_id", "the product, e.g. BOOK_42");
    static final Param<Integer> K = Param.integer("k", 1, RecommendationQuery.MAX_K, 10, "how many products");
    static final Param<Boolean> IN_STOCK = Param.bool("in_stock", false,
            "leave out products out of stock when the model was trained");
    static final Param<Integer> PER_CATEGORY = Param.integer("per_category", 0, RecommendationQuery.MAX_K, 0,
            "at most this many products of one category (0: no limit)");

    private final Backend backend;

    RecommendRoutes(Backend backend) {
        this.backend = backend;
    }

    /**
     * The answer.
     *
     * @param customerId the customer, for {@code /recommend}
     * @param productId the product, for {@code /also-bought}
     * @param method the method serving the list (co_occurrence, item_knn, als; also-bought: co_occurrence)
     * @param model the model file's fingerprint
     * @param trainedAsOf the last day of data the model learnt from
     * @param recommendations best first, each with its score and source
     */
    record Answer(Optional<String> customerId, Optional<String> productId, String method, String model,
                  LocalDate trainedAsOf, List<Recommendation> recommendations) {
    }

    /** A look-up of the recommender: the id and the query to the list. */
    @FunctionalInterface
    private interface Lookup {
        List<Recommendation> of(Recommender model, String id, RecommendationQuery query);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                route("/recommend", "products recommended for a customer", CUSTOMER, Recommender::forCustomer),
                route("/also-bought", "products bought in the same orders as a product", PRODUCT,
                        Recommender::alsoBought));
    }

    private Route route(String path, String summary, Param<String> idParam, Lookup lookup) {
        boolean customer = idParam == CUSTOMER;
        return Route.get(path, "models", summary, List.of(idParam, K, IN_STOCK, PER_CATEGORY), c -> {
            String id = c.get(idParam);
            RecommendationQuery q = query(c);
            ModelShelf.Loaded<Recommender> loaded = backend.models().recommender().require();
            List<Recommendation> top = Failures.lookup(idParam.name(), () -> lookup.of(loaded.model(), id, q));
            backend.telemetry().predictions("recommender", 1);
            String method = customer ? Param.word(loaded.model().method())
                    : Param.word(Recommendation.Source.CO_OCCURRENCE);
            return new Answer(customer ? Optional.of(id) : Optional.empty(), customer ? Optional.empty()
                    : Optional.of(id), method, loaded.fingerprint(), loaded.metadata().trainAsOf(), top);
        });
    }

    private static RecommendationQuery query(Call c) {
        RecommendationQuery q = RecommendationQuery.top(c.get(K));
        q = c.get(IN_STOCK) ? q.excludingOutOfStock() : q;
        int perCategory = c.get(PER_CATEGORY);
        return perCategory > 0 ? q.atMostPerCategory(perCategory) : q;
    }
}
