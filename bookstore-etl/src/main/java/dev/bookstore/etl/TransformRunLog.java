package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlResources;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** Records each model build of a transform run in {@code meta.transform_runs}. */
final class TransformRunLog {
    private final Warehouse wh;

    TransformRunLog(Warehouse wh) {
        this.wh = wh;
    }

    void record(String runId, ModelRun run, Instant startedAt, Instant finishedAt) {
        wh.withHandle(h -> h.createUpdate(SqlResources.load(TransformRunLog.class, "record_model_run"))
                .define("statement", "transform_runs.record")
                .bind("run_id", runId)
                .bind("model", run.model())
                .bind("materialized", run.materialization().word())
                .bind("build_mode", run.mode().word())
                .bindByType("window_start", run.windowStart().orElse(null), LocalDate.class)
                .bind("started_at", startedAt)
                .bind("finished_at", finishedAt)
                .bind("rows_affected", run.rows())
                .bind("status", run.status().name().toLowerCase(Locale.ROOT))
                .bind("error_message", run.error().orElse(null))
                .execute());
    }
}
