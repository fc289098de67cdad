-- One step of a pipeline run, when it starts (finished_at and rows_affected NULL while running) or is skipped.
INSERT INTO ${meta:pipeline_log} (run_id, pipeline, step, step_order, started_at, finished_at, rows_affected, status,
    error_message, resumed_from)
VALUES (:run_id, :pipeline, :step, :step_order, :started_at, :finished_at, :rows_affected, :status, :error_message,
    :resumed_from)
