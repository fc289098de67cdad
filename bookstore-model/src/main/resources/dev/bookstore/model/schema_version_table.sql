-- The schema's version history: one row per applied migration (schema/V<n>__<name>.sql).
CREATE TABLE IF NOT EXISTS ${meta:schema_version} (
    version INTEGER PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    applied_at ${type:timestamp} NOT NULL
)
