package dev.bookstore.examples.http;

import java.util.List;

/**
 * The routes of models not built yet in this version: each checks its parameters (so a bad request is still a
 * 400), then answers 503 saying what to train. When a model lands, its route moves out of here into a class of
 * its own (like {@link ChurnRoutes}).
 */
final class PendingRoutes implements Route.Set {
    static final Param<String> CUSTOMER = Param.id("customer_id", "the customer, e.g. CUST_1523");
    static final Param<String> PRODUCT = Param.id("product_id", "the product, e.g. BOOK_42");
    static final Param<String> CATEGORY = Param.text("category", "a category instead of a product");
    static final Param<Integer> K = Param.integer("k", 1, 100, 10, "how many to return");

    @Override
    public List<Route> routes() {
        return List.of(
                pending("/recommend", "books recommended for a customer", List.of(CUSTOMER, K), "recommender",
                        "the recommender (issue 12): bookstore train --db URL --as-of DATE --models DIR"),
                pending("/also-bought", "books bought together with a product", List.of(PRODUCT, K), "recommender",
                        "the recommender (issue 12): bookstore train --db URL --as-of DATE --models DIR"),
                pending("/clv", "a customer's predicted lifetime value", List.of(CUSTOMER), "clv",
                        "the CLV model (issue 13): bookstore clv --db URL --as-of DATE"),
                pending("/forecast", "demand forecast of a product or category",
                        List.of(PRODUCT.notRequired(), CATEGORY), "forecast",
                        "the demand forecast (issue 13): bookstore forecast --db URL --as-of DATE"));
    }

    private static Route pending(String path, String summary, List<Param<?>> params, String model, String train) {
        return Route.get(path, "models", summary + " (503 until the model is built)", params, c -> {
            for (Param<?> p : params) {
                c.optional(p);
            }
            if (params.stream().allMatch(p -> !p.required()) && params.stream().noneMatch(p -> c.optional(p)
                    .isPresent() && p.fallback().isEmpty())) {
                throw new ApiError.BadRequest(params.get(0).name(), "give " + params.stream().map(Param::name)
                        .reduce((a, b) -> a + " or " + b).orElse(""), params.get(0).valid());
            }
            for (Param<?> p : params) {
                if (p.required()) {
                    c.get(p);
                }
            }
            throw new ApiError.NotReady(model, model + " is not built in this version", train);
        });
    }
}
