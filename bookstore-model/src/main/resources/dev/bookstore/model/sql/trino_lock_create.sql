-- The lock table of TrinoLeaseLock, in the connection's current schema (the URL's): one row per claim. A claim
-- holds the lock while it is the only unexpired claim of its key; holders renew expires_at while they hold it.
CREATE TABLE IF NOT EXISTS bookstore_locks (
    lock_key    VARCHAR      NOT NULL,
    lock_name   VARCHAR      NOT NULL,
    holder      VARCHAR      NOT NULL,
    claimed_at  TIMESTAMP(6) NOT NULL,
    expires_at  TIMESTAMP(6) NOT NULL
)
