-- the highest watermark value read from one JDBC source
INSERT INTO ${meta:ingest_watermarks} (source_name, source_kind, watermark_column, value_type, watermark_value,
    load_id, updated_at)
VALUES (:source_name, :source_kind, :watermark_column, :value_type, :watermark_value, :load_id, :updated_at)
