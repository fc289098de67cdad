-- one finished load of one file
INSERT INTO ${meta:load_log} (source_kind, sha256, source_name, file_bytes, load_id, rows_read, rows_loaded,
    rows_rejected, rows_duplicate, started_at, finished_at, report_json)
VALUES (:source_kind, :sha256, :source_name, :file_bytes, :load_id, :rows_read, :rows_loaded, :rows_rejected,
    :rows_duplicate, :started_at, :finished_at, :report_json)
