-- Version 3: bookkeeping of the model builder, data tests and pipeline runs (bookstore-etl transform).
-- The model tables themselves (staging, intermediate, marts) are created by the model runner from the models'
-- declared columns, not here: they change with the models, not with the schema version.
--
-- transform_runs: one row per model built by a transform run.
--   status        'success', 'failed' or 'skipped' (an upstream model failed)
--   build_mode    'full' (rebuilt), 'incremental' (a window merged), 'view', 'snapshot'
--   window_start  for incremental builds: the first day of the merged window
-- data_test_results: one row per data test executed, with the run id of the test run.
--   status        'pass', 'warn' (failed, severity warn), 'fail' (failed, severity error), 'error' (did not run)
-- pipeline_log: one row per step of a pipeline run (ingest, transform, test, ...).
--   status        'running', 'succeeded', 'failed', 'skipped' (done by the run named in resumed_from)

CREATE TABLE IF NOT EXISTS ${meta:transform_runs} (
    run_id         VARCHAR(40)  NOT NULL,
    model          VARCHAR(64)  NOT NULL,
    materialized   VARCHAR(16)  NOT NULL,
    build_mode     VARCHAR(16)  NOT NULL,
    window_start   DATE,
    started_at     ${type:timestamp} NOT NULL,
    finished_at    ${type:timestamp} NOT NULL,
    rows_affected  BIGINT       NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    error_message  ${type:text},
    PRIMARY KEY (run_id, model)
);

CREATE TABLE IF NOT EXISTS ${meta:data_test_results} (
    run_id         VARCHAR(40)  NOT NULL,
    test_name      VARCHAR(200) NOT NULL,
    model          VARCHAR(64)  NOT NULL,
    severity       VARCHAR(8)   NOT NULL,
    status         VARCHAR(8)   NOT NULL,
    failing_rows   BIGINT       NOT NULL,
    executed_at    ${type:timestamp} NOT NULL,
    message        ${type:text},
    PRIMARY KEY (run_id, test_name)
);

CREATE TABLE IF NOT EXISTS ${meta:pipeline_log} (
    run_id         VARCHAR(40)  NOT NULL,
    pipeline       VARCHAR(64)  NOT NULL,
    step           VARCHAR(64)  NOT NULL,
    step_order     INTEGER      NOT NULL,
    started_at     ${type:timestamp} NOT NULL,
    finished_at    ${type:timestamp},
    rows_affected  BIGINT,
    status         VARCHAR(16)  NOT NULL,
    error_message  ${type:text},
    resumed_from   VARCHAR(40),
    PRIMARY KEY (run_id, step)
);
