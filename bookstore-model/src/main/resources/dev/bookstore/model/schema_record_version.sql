-- Records an applied migration (applied_at in UTC).
INSERT INTO ${meta:schema_version} (version, description, applied_at) VALUES (:version, :description, :applied_at)
