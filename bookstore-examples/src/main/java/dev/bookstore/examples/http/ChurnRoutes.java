package dev.bookstore.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookstore.ml.ChurnExplanation;
import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.Features;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Churn scores: {@code POST /predict/churn} with the features in the body, {@code GET /predict/churn?customer_id=}
 * with the features computed from the warehouse; both answer the calibrated probability and the top contributing
 * features ({@link ChurnModel#explain}: only the features that can move the row's leaves are probed). 503 until a
 * churn model file is in the models folder.
 */
final class ChurnRoutes implements Route.Set {
    static final Param<String> CUSTOMER = Param.id("customer_id", "the customer, e.g. CUST_1523");
    static final Param<Integer> TOP = Param.integer("top", 0, Features.SCHEMA.size(), 5,
            "how many contributing features to list (0: the probability only, one scoring instead of one per "
                    + "feature)");
    static final Param<LocalDate> AS_OF = Param.date("as_of",
            "day to compute the features at (default: the model's evaluation day)").notRequired();
    /** The largest body {@code POST /predict/churn} reads. */
    static final int BODY_LIMIT = 16 * 1024;

    private final Backend backend;

    ChurnRoutes(Backend backend) {
        this.backend = backend;
    }

    /**
     * A churn score.
     *
     * @param customerId the customer, when scored from the warehouse
     * @param asOf the day of its features, when scored from the warehouse
     * @param probability the calibrated churn probability
     * @param calibration the calibration method
     * @param model the model's fingerprint
     * @param contributions the top contributing features
     */
    record Score(Optional<String> customerId, Optional<LocalDate> asOf, double probability, String calibration,
                 String model, List<ChurnExplanation.Contribution> contributions) {
    }

    @Override
    public List<Route> routes() {
        Map<String, Object> example = new LinkedHashMap<>();
        Map<String, Double> features = new LinkedHashMap<>();
        for (String f : Features.SCHEMA.columns()) {
            features.put(f, 0.0);
        }
        features.put("recency_days", 45.0);
        features.put("frequency", 3.0);
        example.put("features", features);
        return List.of(
                Route.get("/predict/churn", "models", "churn probability of a customer, features from the warehouse",
                        List.of(CUSTOMER, AS_OF, TOP), this::fromWarehouse),
                new Route("POST", "/predict/churn", "models", "churn probability of a feature vector given by name "
                        + "(every feature of schema " + Features.SCHEMA.name() + ")", List.of(TOP),
                        Optional.of(new Route.Body("{\"features\": {name: number, ...}} with every feature of "
                                + Features.SCHEMA.name() + ": " + String.join(", ", Features.SCHEMA.columns()),
                                example, BODY_LIMIT)), this::fromBody));
    }

    private ModelShelf.Loaded<ChurnModel> model() {
        return backend.models().churn().require();
    }

    private Score fromWarehouse(Call c) {
        String id = c.get(CUSTOMER);
        int top = c.get(TOP);
        ModelShelf.Loaded<ChurnModel> loaded = model();
        ChurnModel model = loaded.model();
        LocalDate day = c.optional(AS_OF).orElse(model.metadata().evaluationAsOf());
        double[] x = Failures.lookup("customer_id", () -> Features.of(backend.warehouse()).customer(id, day));
        return score(loaded, Optional.of(id), Optional.of(day), x, top);
    }

    private Score fromBody(Call c) throws java.io.IOException {
        int top = c.get(TOP);
        ModelShelf.Loaded<ChurnModel> loaded = model();
        JsonNode body = c.body();
        JsonNode features = body.get("features");
        if (!body.isObject() || features == null || !features.isObject()) {
            throw new ApiError.BadRequest("features", "the body needs an object 'features'",
                    "{\"features\": {name: number, ...}}");
        }
        List<String> columns = loaded.model().schema().columns();
        double[] x = new double[columns.size()];
        boolean[] seen = new boolean[columns.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            int i = columns.indexOf(f.getKey());
            if (i < 0) {
                throw new ApiError.BadRequest("features." + f.getKey(), "unknown feature '" + f.getKey() + "'",
                        "the features of " + loaded.model().schema().name() + ": " + String.join(", ", columns));
            }
            if (!f.getValue().isNumber() || !Double.isFinite(f.getValue().doubleValue())) {
                throw new ApiError.BadRequest("features." + f.getKey(), "feature '" + f.getKey() + "' is "
                        + f.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not a number",
                        "a finite JSON number");
            }
            x[i] = f.getValue().doubleValue();
            seen[i] = true;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                missing.add(columns.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiError.BadRequest("features." + missing.get(0), "missing feature" + (missing.size() > 1
                    ? "s " : " ") + String.join(", ", missing), "every feature of "
                    + loaded.model().schema().name());
        }
        return score(loaded, Optional.empty(), Optional.empty(), x, top);
    }

    private Score score(ModelShelf.Loaded<ChurnModel> loaded, Optional<String> id, Optional<LocalDate> day, double[] x, int top) {
        ChurnModel model = loaded.model();
        ChurnExplanation e = top == 0 ? new ChurnExplanation(model.probability(x), List.of())
                : model.explain(x, Math.min(top, x.length));
        backend.telemetry().predictions("churn", 1);
        return new Score(id, day, e.probability(), Param.word(model.calibration()), loaded.fingerprint(),
                e.contributions());
    }
}
