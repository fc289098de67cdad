package dev.bookstore.examples.http;

import dev.bookstore.ml.ModelHealth;
import dev.bookstore.ml.ModelHealthRun;
import java.util.List;

/**
 * {@code GET /model-health}: the stored model-health runs (PSI of features and score, realised AUC), oldest first;
 * {@code POST /model-health} checks the served churn model now and stores the run (the one write the service
 * makes to the warehouse).
 */
final class ModelHealthRoutes implements Route.Set {
    static final Param<java.time.LocalDate> AS_OF = Param.date("as_of", "day to check at");

    private final Backend backend;

    ModelHealthRoutes(Backend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/model-health", "monitoring", "stored model-health runs: PSI and realised AUC history",
                        List.of(), c -> ModelHealth.history(backend.warehouse())),
                new Route("POST", "/model-health", "monitoring",
                        "check the served churn model as of a day and store the run", List.of(AS_OF),
                        java.util.Optional.empty(), c -> {
                            java.time.LocalDate day = c.get(AS_OF);
                            ModelShelf.Loaded<dev.bookstore.ml.ChurnModel> loaded = backend.models().churn()
                                    .require();
                            ModelHealthRun run = ModelHealth.check(backend.warehouse(), loaded.model(), day)
                                    .store(backend.warehouse());
                            return run;
                        }));
    }
}
