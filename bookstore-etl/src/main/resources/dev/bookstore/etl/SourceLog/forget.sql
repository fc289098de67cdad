-- removes an earlier record of how this source of this load was read
DELETE FROM ${meta:ingest_sources}
WHERE load_id = :load_id AND source_kind = :source_kind AND source_name = :source_name
