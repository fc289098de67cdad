-- The steps of one pipeline run with their status, in order.
SELECT step, status FROM ${meta:pipeline_log} WHERE run_id = :run_id ORDER BY step_order
