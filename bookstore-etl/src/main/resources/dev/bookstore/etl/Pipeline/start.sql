-- one step of one run, as it starts (or as it was skipped)
INSERT INTO ${meta:pipeline_log} (run_id, pipeline, step, step_order, started_at, finished_at, rows_affected, status,
    error_message, resumed_from)
VALUES (:run_id, :pipeline, :step, :step_order, :started_at, :finished_at, :rows_affected, :status, :error_message,
    :resumed_from)
