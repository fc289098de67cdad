-- the load and source name of the earlier load of this content
SELECT load_id, source_name FROM ${meta:load_log} WHERE source_kind = :source_kind AND sha256 = :sha256
