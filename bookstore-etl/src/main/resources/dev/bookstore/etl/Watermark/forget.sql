DELETE FROM ${meta:ingest_watermarks} WHERE source_name = :source_name
