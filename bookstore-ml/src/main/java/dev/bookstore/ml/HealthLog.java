package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

/** The SQL of stored health checks: META tables model_health_runs and model_health_features (migration V5). */
final class HealthLog {
    private final Warehouse wh;
    private final String runs;
    private final String features;

    HealthLog(Warehouse wh) {
        this.wh = wh;
        this.runs = wh.table(Layer.META, "model_health_runs").sql();
        this.features = wh.table(Layer.META, "model_health_features").sql();
    }

    ModelHealthRun insert(ModelHealth h, Instant at) {
        String runId = UUID.randomUUID().toString();
        Instant recordedAt = at.truncatedTo(ChronoUnit.MICROS);
        wh.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + runs + " (run_id, recorded_at, model_kind, "
                    + "model_fingerprint, train_as_of, as_of, score_psi, realised_auc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setObject(2, LocalDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
                ps.setString(3, h.modelKind());
                ps.setString(4, h.modelFingerprint());
                ps.setObject(5, h.trainAsOf());
                ps.setObject(6, h.asOf());
                ps.setDouble(7, h.scorePsi());
                if (h.realisedAuc().isPresent()) {
                    ps.setDouble(8, h.realisedAuc().getAsDouble());
                } else {
                    ps.setNull(8, Types.DOUBLE);
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + features
                    + " (run_id, feature_no, feature, psi) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < h.features().size(); i++) {
                    ps.setString(1, runId);
                    ps.setInt(2, i);
                    ps.setString(3, h.features().get(i).feature());
                    ps.setDouble(4, h.features().get(i).psi());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return new ModelHealthRun(runId, recordedAt, h);
    }

    /** Every stored run, oldest first (ties by run id). */
    List<ModelHealthRun> history() {
        return wh.withConnection(c -> {
            Map<String, List<ModelHealth.FeaturePsi>> psi = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, feature, psi FROM " + features
                    + " ORDER BY run_id, feature_no"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    psi.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new ModelHealth.FeaturePsi(rs.getString(2), rs.getDouble(3)));
                }
            }
            List<ModelHealthRun> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, recorded_at, model_kind, model_fingerprint, "
                    + "train_as_of, as_of, score_psi, realised_auc FROM " + runs + " ORDER BY recorded_at, run_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String runId = rs.getString(1);
                    Instant recordedAt = rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    double auc = rs.getDouble(8);
                    OptionalDouble realised = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(auc);
                    out.add(new ModelHealthRun(runId, recordedAt, new ModelHealth(rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                            psi.getOrDefault(runId, List.of()), rs.getDouble(7), realised)));
                }
            }
            return out;
        });
    }
}
