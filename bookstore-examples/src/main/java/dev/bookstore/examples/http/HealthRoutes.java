package dev.bookstore.examples.http;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code GET /health}: whether the warehouse answers, its schema and data version, and the models served. */
final class HealthRoutes implements Route.Set {
    private final Backend backend;

    HealthRoutes(Backend backend) {
        this.backend = backend;
    }

    /**
     * The answer; status 200 when the warehouse answers, 503 when it does not.
     *
     * @param status ok or unavailable
     * @param warehouse the warehouse
     * @param models the models served
     * @param modelProblem why the last read of a model file failed, per file ({@code ; } between them), when one did
     */
    record Health(String status, Warehouse warehouse, List<Model> models, Optional<String> modelProblem) {
    }

    /**
     * The warehouse's state.
     *
     * @param database the database (dialect)
     * @param reachable whether it answered
     * @param schemaVersion the stored schema version
     * @param dataVersion model builds recorded by transform runs
     * @param error why it did not answer
     */
    record Warehouse(String database, boolean reachable, Optional<Integer> schemaVersion, Optional<Long> dataVersion,
                     Optional<String> error) {
    }

    /**
     * A model served.
     *
     * @param kind what it predicts: churn or recommender
     * @param file its file
     * @param fingerprint its fingerprint (churn: SHA-256 of its encoding; recommender: of its file)
     * @param trainedAsOf its training snapshot
     * @param evaluatedAsOf its evaluation snapshot
     * @param loadedAt when the service read it
     */
    record Model(String kind, String file, String fingerprint, LocalDate trainedAsOf, LocalDate evaluatedAsOf,
                 Instant loadedAt) {
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/health", "service", "warehouse reachable, schema and data version, models served",
                List.of(), c -> {
                    Health h = health();
                    return h.warehouse().reachable() ? h
                            : new Route.Reply(503, "application/json", Json.MAPPER.writeValueAsBytes(h));
                }));
    }

    Health health() {
        String database = backend.warehouse().dialect().name();
        Warehouse wh;
        try {
            wh = new Warehouse(database, true, Optional.of(backend.warehouse().schemaVersion()),
                    Optional.of(backend.dataVersion()), Optional.empty());
        } catch (RuntimeException e) {
            if (!Failures.databaseFailure(e)) {
                throw e;
            }
            wh = new Warehouse(database, false, Optional.empty(), Optional.empty(), Optional.of(String.valueOf(
                    Failures.of(e).body().get("message"))));
        }
        List<Model> models = backend.models().loaded().stream().map(l -> new Model(l.kind(), l.file().toString(),
                l.fingerprint(), l.metadata().trainAsOf(), l.metadata().evaluationAsOf(), l.loadedAt())).toList();
        List<String> problems = backend.models().problems();
        return new Health(wh.reachable() ? "ok" : "unavailable", wh, models, problems.isEmpty() ? Optional.empty()
                : Optional.of(String.join("; ", problems)));
    }
}
