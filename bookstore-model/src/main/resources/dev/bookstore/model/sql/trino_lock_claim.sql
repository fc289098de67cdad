-- A claim of lock :lock_key by :holder for :lease_seconds, timed by the coordinator's clock (UTC).
INSERT INTO bookstore_locks (lock_key, lock_name, holder, claimed_at, expires_at)
VALUES (:lock_key, :lock_name, :holder, CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP(6)),
        date_add('second', :lease_seconds, CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP(6))))
