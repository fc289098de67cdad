-- The results of the latest data-test run (the run holding the latest executed_at), failing tests first.
SELECT run_id, test_name, model, severity, status, failing_rows, executed_at, message
FROM ${meta:data_test_results}
WHERE run_id IN (SELECT run_id FROM ${meta:data_test_results}
                 WHERE executed_at = (SELECT MAX(executed_at) FROM ${meta:data_test_results}))
ORDER BY failing_rows DESC, test_name
