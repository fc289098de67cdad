-- Version 4: ingest sources (bookstore-etl).
-- ingest_sources: one row per source read by an ingest run (file, records, JDBC query): its format ('bookstore',
--   'online-retail', 'jsonl') and, for CSV formats, its header line as read, so that the rows it quarantined
--   (raw.*_quarantine, found by load_id and source_name) can be parsed again and replayed after a fix.
-- ingest_watermarks: per incremental JDBC source (by its name), the highest value of its watermark column loaded
--   so far; the next load reads only rows above it. Written in the load's transaction, so it never runs ahead of
--   the rows loaded.
--   value_type  'number', 'timestamp' (UTC, ISO-8601), 'date' or 'text': how watermark_value is compared

CREATE TABLE IF NOT EXISTS ${meta:ingest_sources} (
    load_id       VARCHAR(40)  NOT NULL,
    source_kind   VARCHAR(16)  NOT NULL,
    source_name   VARCHAR(300) NOT NULL,
    source_format VARCHAR(32)  NOT NULL,
    header_line   ${type:text},
    recorded_at   ${type:timestamp} NOT NULL,
    PRIMARY KEY (load_id, source_kind, source_name)
);

CREATE TABLE IF NOT EXISTS ${meta:ingest_watermarks} (
    source_name      VARCHAR(300) NOT NULL PRIMARY KEY,
    source_kind      VARCHAR(16)  NOT NULL,
    watermark_column VARCHAR(128) NOT NULL,
    value_type       VARCHAR(16)  NOT NULL,
    watermark_value  VARCHAR(400) NOT NULL,
    load_id          VARCHAR(40)  NOT NULL,
    updated_at       ${type:timestamp} NOT NULL
);
