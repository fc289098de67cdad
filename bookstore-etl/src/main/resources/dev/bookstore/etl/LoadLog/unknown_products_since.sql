-- rows of the earlier load of this content still quarantined as unknown_product although products were loaded
-- after it: a reason to read the content again rather than skip it as loaded before
SELECT COUNT(*) FROM ${raw:orders_quarantine} q
JOIN ${meta:load_log} l ON q.load_id = l.load_id AND q.source_name = l.source_name
WHERE l.source_kind = :source_kind AND l.sha256 = :sha256 AND q.rules LIKE :rule
  AND EXISTS (SELECT 1 FROM ${meta:ingest_sources} s
              WHERE s.source_kind = :reference_kind AND s.recorded_at > l.finished_at)
