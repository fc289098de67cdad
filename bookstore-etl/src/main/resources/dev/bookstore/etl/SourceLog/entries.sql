-- every recorded source of one kind
SELECT load_id, source_name, source_format, header_line FROM ${meta:ingest_sources} WHERE source_kind = :source_kind
