-- Extends :holder's claim of lock :lock_key by :lease_seconds from now.
UPDATE bookstore_locks
SET expires_at = date_add('second', :lease_seconds, CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP(6)))
WHERE lock_key = :lock_key
  AND holder = :holder
