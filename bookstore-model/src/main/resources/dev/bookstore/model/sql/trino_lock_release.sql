-- Withdraws :holder's claim of lock :lock_key.
DELETE FROM bookstore_locks
WHERE lock_key = :lock_key
  AND holder = :holder
