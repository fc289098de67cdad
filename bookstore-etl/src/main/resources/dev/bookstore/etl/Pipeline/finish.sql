-- how one step of one run ended
UPDATE ${meta:pipeline_log}
SET finished_at = :finished_at, rows_affected = :rows_affected, status = :status, error_message = :error_message
WHERE run_id = :run_id AND step = :step
