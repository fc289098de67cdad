-- The PII salt stored in the warehouse's settings, if one was stored.
SELECT setting_value FROM ${meta:settings} WHERE name = :name
