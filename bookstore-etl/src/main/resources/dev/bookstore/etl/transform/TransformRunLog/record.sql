-- one model of one transform run
INSERT INTO ${meta:transform_runs} (run_id, model, materialized, build_mode, window_start, started_at, finished_at,
    rows_affected, status, error_message)
VALUES (:run_id, :model, :materialized, :build_mode, :window_start, :started_at, :finished_at, :rows_affected,
    :status, :error_message)
