-- Version 2: ingestion bookkeeping (bookstore-etl).
-- Quarantine: one table per source kind in the raw layer, holding every rejected input row with its location,
-- its raw text and every rule it failed, so that it can be inspected and replayed after a fix.
--   rules   the names of the failed rules, comma-separated (e.g. 'negative_price,future_date'), for filtering
--   reasons one line per failed rule: '<rule>: <message>' (warnings as '(warning) <rule>: <message>')
-- Load log: one row per file loaded successfully, keyed by source kind and the file's SHA-256, so that
-- loading the same file twice adds nothing.

CREATE TABLE IF NOT EXISTS ${raw:customers_quarantine} (
    source_name VARCHAR(300)  NOT NULL,
    source_line BIGINT        NOT NULL,
    raw_text    ${type:text}  NOT NULL,
    rules       VARCHAR(1000) NOT NULL,
    reasons     ${type:text}  NOT NULL,
    load_id     VARCHAR(40)   NOT NULL
);

CREATE TABLE IF NOT EXISTS ${raw:products_quarantine} (
    source_name VARCHAR(300)  NOT NULL,
    source_line BIGINT        NOT NULL,
    raw_text    ${type:text}  NOT NULL,
    rules       VARCHAR(1000) NOT NULL,
    reasons     ${type:text}  NOT NULL,
    load_id     VARCHAR(40)   NOT NULL
);

CREATE TABLE IF NOT EXISTS ${raw:orders_quarantine} (
    source_name VARCHAR(300)  NOT NULL,
    source_line BIGINT        NOT NULL,
    raw_text    ${type:text}  NOT NULL,
    rules       VARCHAR(1000) NOT NULL,
    reasons     ${type:text}  NOT NULL,
    load_id     VARCHAR(40)   NOT NULL
);

CREATE TABLE IF NOT EXISTS ${raw:events_quarantine} (
    source_name VARCHAR(300)  NOT NULL,
    source_line BIGINT        NOT NULL,
    raw_text    ${type:text}  NOT NULL,
    rules       VARCHAR(1000) NOT NULL,
    reasons     ${type:text}  NOT NULL,
    load_id     VARCHAR(40)   NOT NULL
);

CREATE TABLE IF NOT EXISTS ${meta:load_log} (
    source_kind    VARCHAR(16)   NOT NULL,
    sha256         VARCHAR(64)   NOT NULL,
    source_name    VARCHAR(300)  NOT NULL,
    file_bytes     BIGINT        NOT NULL,
    load_id        VARCHAR(40)   NOT NULL,
    rows_read      BIGINT        NOT NULL,
    rows_loaded    BIGINT        NOT NULL,
    rows_rejected  BIGINT        NOT NULL,
    rows_duplicate BIGINT        NOT NULL,
    started_at     ${type:timestamp} NOT NULL,
    finished_at    ${type:timestamp} NOT NULL,
    report_json    ${type:text}  NOT NULL,
    PRIMARY KEY (source_kind, sha256)
);
