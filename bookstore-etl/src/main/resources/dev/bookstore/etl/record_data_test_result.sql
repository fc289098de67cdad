-- One data test's result in a run (executed_at in UTC; message may be NULL).
INSERT INTO ${meta:data_test_results} (run_id, test_name, model, severity, status, failing_rows, executed_at, message)
VALUES (:run_id, :test_name, :model, :severity, :status, :failing_rows, :executed_at, :message)
