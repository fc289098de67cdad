-- the stored watermark of one JDBC source
SELECT watermark_column, value_type, watermark_value FROM ${meta:ingest_watermarks} WHERE source_name = :source_name
