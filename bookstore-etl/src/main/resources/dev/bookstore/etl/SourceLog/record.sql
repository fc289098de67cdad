-- how one source of one load was read
INSERT INTO ${meta:ingest_sources} (load_id, source_kind, source_name, source_format, header_line, recorded_at)
VALUES (:load_id, :source_kind, :source_name, :source_format, :header_line, :recorded_at)
