-- the drift of every feature of every stored health check, in feature order
SELECT run_id, feature, psi FROM ${meta:model_health_features} ORDER BY run_id, feature_no
