-- the id of the latest run of one pipeline (first row)
SELECT run_id FROM ${meta:pipeline_log} WHERE pipeline = :pipeline ORDER BY started_at DESC, step_order DESC
