-- whether content with this SHA-256 was loaded as this source kind before
SELECT COUNT(*) FROM ${meta:load_log} WHERE source_kind = :source_kind AND sha256 = :sha256
