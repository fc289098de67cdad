-- Settings fixed when the warehouse was created (e.g. the reporting zone), by name.
CREATE TABLE IF NOT EXISTS ${meta:settings} (name VARCHAR(64) PRIMARY KEY, setting_value VARCHAR(400) NOT NULL)
