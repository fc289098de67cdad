-- Who has an unexpired claim of lock :lock_key.
SELECT DISTINCT holder
FROM bookstore_locks
WHERE lock_key = :lock_key
  AND expires_at > CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP(6))
