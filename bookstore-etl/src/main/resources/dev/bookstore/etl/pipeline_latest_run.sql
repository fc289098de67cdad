-- The id of this pipeline's latest run (the caller reads the first row only).
SELECT run_id FROM ${meta:pipeline_log} WHERE pipeline = :pipeline ORDER BY started_at DESC, step_order DESC
