package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Records each model build of a transform run in {@code meta.transform_runs}. */
final class TransformRunLog {
    private final Warehouse wh;
    private final String insert;

    TransformRunLog(Warehouse wh) {
        this.wh = wh;
        this.insert = "INSERT INTO " + wh.table(Layer.META, "transform_runs").sql() + " (run_id, model, materialized, "
                + "build_mode, window_start, started_at, finished_at, rows_affected, status, error_message) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    void record(String runId, ModelRun run, Instant startedAt, Instant finishedAt) {
        wh.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, runId);
                ps.setString(2, run.model());
                ps.setString(3, run.materialization().word());
                ps.setString(4, run.mode().word());
                if (run.windowStart().isPresent()) {
                    ps.setObject(5, run.windowStart().get());
                } else {
                    ps.setNull(5, Types.DATE);
                }
                ps.setObject(6, LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC));
                ps.setObject(7, LocalDateTime.ofInstant(finishedAt, ZoneOffset.UTC));
                ps.setLong(8, run.rows());
                ps.setString(9, run.status().name().toLowerCase(Locale.ROOT));
                if (run.error().isPresent()) {
                    ps.setString(10, run.error().get());
                } else {
                    ps.setNull(10, Types.VARCHAR);
                }
                return ps.executeUpdate();
            }
        });
    }
}
