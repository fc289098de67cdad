-- every stored health check, oldest first
SELECT run_id, recorded_at, model_kind, model_fingerprint, train_as_of, as_of, score_psi, realised_auc
FROM ${meta:model_health_runs} ORDER BY recorded_at, run_id
