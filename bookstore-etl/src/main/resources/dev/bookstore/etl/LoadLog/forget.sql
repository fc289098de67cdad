-- removes an earlier record of the same content, before it is recorded again
DELETE FROM ${meta:load_log} WHERE source_kind = :source_kind AND sha256 = :sha256
