-- A snapshot run: the first version of each key not stored yet, open from {{first_valid_from}} (the model's own
-- column, else the snapshot day).
INSERT INTO {{table}} ({{all_columns}})
SELECT {{source_columns}}, CONCAT(s.{{key}}, '#1'), 1, {{first_valid_from}}, DATE '9999-12-31', TRUE
FROM {{source}} s
WHERE NOT EXISTS (SELECT 1 FROM {{table}} v WHERE v.{{key}} = s.{{key}})
