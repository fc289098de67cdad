-- the drift of one feature in one health check
INSERT INTO ${meta:model_health_features} (run_id, feature_no, feature, psi)
VALUES (:run_id, :feature_no, :feature, :psi)
