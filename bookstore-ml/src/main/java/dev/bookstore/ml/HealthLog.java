package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlResources;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of stored health checks: META tables model_health_runs and model_health_features (migration V5). */
final class HealthLog {

    private final Warehouse wh;

    HealthLog(Warehouse wh) {
        this.wh = wh;
    }

    ModelHealthRun insert(ModelHealth h, Instant at) {
        String runId = UUID.randomUUID().toString();
        Instant recordedAt = at.truncatedTo(ChronoUnit.MICROS);
        wh.inTransaction(handle -> {
            handle.createUpdate(sql("insertRun")).define("statement", "model_health_runs.insert")
                    .bind("run_id", runId)
                    .bind("recorded_at", recordedAt)
                    .bind("model_kind", h.modelKind())
                    .bind("model_fingerprint", h.modelFingerprint())
                    .bind("train_as_of", h.trainAsOf())
                    .bind("as_of", h.asOf())
                    .bind("score_psi", h.scorePsi())
                    .bindByType("realised_auc", h.realisedAuc().isPresent() ? h.realisedAuc().getAsDouble() : null,
                            Double.class)
                    .execute();
            PreparedBatch batch = handle.prepareBatch(sql("insertFeature"));
            batch.define("statement", "model_health_features.insert");
            for (int i = 0; i < h.features().size(); i++) {
                batch.bind("run_id", runId).bind("feature_no", i).bind("feature", h.features().get(i).feature())
                        .bind("psi", h.features().get(i).psi()).add();
            }
            return h.features().isEmpty() ? new int[0] : batch.execute();
        });
        return new ModelHealthRun(runId, recordedAt, h);
    }

    /** Every stored run, oldest first (ties by run id). */
    List<ModelHealthRun> history() {
        return wh.withHandle(handle -> {
            Map<String, List<ModelHealth.FeaturePsi>> psi = new LinkedHashMap<>();
            handle.createQuery(sql("features")).define("statement", "model_health_features.all")
                    .map((rs, ctx) -> Map.entry(rs.getString("run_id"),
                            new ModelHealth.FeaturePsi(rs.getString("feature"), rs.getDouble("psi"))))
                    .forEach(e -> psi.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            return handle.createQuery(sql("runs")).define("statement", "model_health_runs.all")
                    .map((rs, ctx) -> {
                        String runId = rs.getString("run_id");
                        Instant recordedAt = ctx.findColumnMapperFor(Instant.class).orElseThrow()
                                .map(rs, "recorded_at", ctx);
                        double auc = rs.getDouble("realised_auc");
                        OptionalDouble realised = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(auc);
                        return new ModelHealthRun(runId, recordedAt, new ModelHealth(rs.getString("model_kind"),
                                rs.getString("model_fingerprint"), rs.getObject("train_as_of", LocalDate.class),
                                rs.getObject("as_of", LocalDate.class), psi.getOrDefault(runId, List.of()),
                                rs.getDouble("score_psi"), realised));
                    })
                    .list();
        });
    }

    private String sql(String statement) {
        return wh.render(SqlResources.load(HealthLog.class, "HealthLog/" + statement));
    }
}
