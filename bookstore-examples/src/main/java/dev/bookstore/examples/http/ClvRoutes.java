package dev.bookstore.examples.http;

import dev.bookstore.ml.Clv;
import dev.bookstore.model.NotReadyException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /clv?customer_id=}: a customer's predicted lifetime value as stored by the library
 * ({@link Clv#store}, which {@code bookstore train} runs) in the mart {@code customer_clv}, from its latest run: a
 * newer run is served as soon as it is stored. 404 when the customer has no value in that run; 503 until a run is
 * stored, saying how to store one.
 */
final class ClvRoutes implements Route.Set {
    static final Param<String> CUSTOMER = Param.id("customer_id", "the customer, e.g. CUST_1523");
    static final String TRAIN = "bookstore train --db URL --as-of DATE --models DIR --only clv (stores "
            + "marts.customer_clv)";

    private final Backend backend;

    ClvRoutes(Backend backend) {
        this.backend = backend;
    }

    /**
     * The answer: one row of {@code customer_clv}.
     *
     * @param customerId the customer
     * @param asOf the day the values are as of (the latest stored run)
     * @param probabilityAlive P(alive) on that day under the purchase model
     * @param expectedPurchases expected purchases over the horizon
     * @param expectedSpend expected value per purchase (gamma-gamma)
     * @param clv expected value of the purchases over the horizon, discounted
     * @param horizonWeeks the horizon
     * @param model the purchase model (bg_nbd, pareto_nbd, mbg_nbd)
     * @param modelFingerprint the fitted parameters' fingerprint
     */
    record Value(String customerId, LocalDate asOf, double probabilityAlive, double expectedPurchases,
                 double expectedSpend, double clv, int horizonWeeks, String model, String modelFingerprint) {
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/clv", "models", "a customer's predicted lifetime value (latest stored CLV run)",
                List.of(CUSTOMER), c -> value(c.get(CUSTOMER))));
    }

    /** The query's one row: the latest run's day, and the customer's value in it. */
    private record Found(Optional<LocalDate> latest, Optional<Value> value) {
    }

    Value value(String id) {
        Found found;
        try {
            found = backend.warehouse().withHandle(h -> h.createQuery(backend.sql("customer_clv"))
                    .bind("customer_id", id).map((rs, ctx) -> {
                        Optional<LocalDate> latest = Optional.ofNullable(rs.getObject("latest_as_of", LocalDate.class));
                        return new Found(latest, rs.getString("customer_id") == null ? Optional.empty()
                                : Optional.of(new Value(rs.getString("customer_id"), latest.orElseThrow(),
                                        rs.getDouble("p_alive"), rs.getDouble("expected_purchases"),
                                        rs.getDouble("expected_spend"), rs.getDouble("clv"),
                                        rs.getInt("horizon_weeks"), rs.getString("model"),
                                        rs.getString("model_fingerprint"))));
                    }).one());
        } catch (NotReadyException e) {
            throw notStored();
        }
        LocalDate day = found.latest().orElseThrow(ClvRoutes::notStored);
        return found.value().orElseThrow(() -> new ApiError.NotFound(CUSTOMER.name(), "customer '" + id
                + "' has no lifetime value in the run of " + day + " (no order on or before that day, or no such "
                + "customer)"));
    }

    private static ApiError.NotReady notStored() {
        return new ApiError.NotReady("clv", "no customer lifetime values are stored (marts.customer_clv is missing "
                + "or empty)", TRAIN);
    }
}
