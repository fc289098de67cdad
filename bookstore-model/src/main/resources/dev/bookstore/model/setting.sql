-- One stored setting's value.
SELECT setting_value FROM ${meta:settings} WHERE name = :name
