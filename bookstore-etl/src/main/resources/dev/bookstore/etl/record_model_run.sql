-- One model build of a transform run (times in UTC; window_start and error_message may be NULL).
INSERT INTO ${meta:transform_runs} (run_id, model, materialized, build_mode, window_start, started_at, finished_at,
    rows_affected, status, error_message)
VALUES (:run_id, :model, :materialized, :build_mode, :window_start, :started_at, :finished_at, :rows_affected, :status,
    :error_message)
