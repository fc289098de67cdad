-- the steps of one run, in order
SELECT step, status FROM ${meta:pipeline_log} WHERE run_id = :run_id ORDER BY step_order
