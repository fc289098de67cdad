-- The newest applied migration; fails while there is no version table yet.
SELECT MAX(version) FROM ${meta:schema_version}
