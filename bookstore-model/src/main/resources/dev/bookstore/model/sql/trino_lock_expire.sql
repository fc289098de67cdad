-- Removes the expired claims of lock :lock_key (left by holders that died).
DELETE FROM bookstore_locks
WHERE lock_key = :lock_key
  AND expires_at <= CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP(6))
