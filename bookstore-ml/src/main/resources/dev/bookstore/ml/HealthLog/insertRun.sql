-- one stored health check of a model
INSERT INTO ${meta:model_health_runs} (run_id, recorded_at, model_kind, model_fingerprint, train_as_of, as_of,
    score_psi, realised_auc)
VALUES (:run_id, :recorded_at, :model_kind, :model_fingerprint, :train_as_of, :as_of, :score_psi, :realised_auc)
