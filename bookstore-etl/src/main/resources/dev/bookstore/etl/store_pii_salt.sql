-- Stores a fresh random PII salt once per warehouse (a second process racing to store its own fails here).
INSERT INTO ${meta:settings} (name, setting_value) VALUES (:name, :value)
