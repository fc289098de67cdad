-- Stores a setting the first time the warehouse is initialised.
INSERT INTO ${meta:settings} (name, setting_value) VALUES (:name, :value)
