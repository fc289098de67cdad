-- Version 5: model health runs (bookstore-ml, written by ModelHealth.store / `bookstore monitor`).
-- model_health_runs: one row per stored health check: when it ran, which model (its kind, the SHA-256 its model
--   file ends with, and its training snapshot), the snapshot checked, the PSI of the model's
--   probability between the training and the checked snapshot, and the realised AUC on the snapshot one horizon
--   before it (NULL while no outcome window had passed or it held a single outcome).
-- model_health_features: per run, the PSI of each feature between the training and the checked snapshot.

CREATE TABLE IF NOT EXISTS ${meta:model_health_runs} (
    run_id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    recorded_at       ${type:timestamp} NOT NULL,
    model_kind        VARCHAR(32)  NOT NULL,
    model_fingerprint VARCHAR(64)  NOT NULL,
    train_as_of       DATE         NOT NULL,
    as_of             DATE         NOT NULL,
    score_psi         ${type:double} NOT NULL,
    realised_auc      ${type:double}
);

CREATE TABLE IF NOT EXISTS ${meta:model_health_features} (
    run_id      VARCHAR(40)  NOT NULL,
    feature_no  INTEGER      NOT NULL,
    feature     VARCHAR(128) NOT NULL,
    psi         ${type:double} NOT NULL,
    PRIMARY KEY (run_id, feature_no)
);
