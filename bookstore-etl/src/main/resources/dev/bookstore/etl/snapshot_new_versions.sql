-- A snapshot run: the next version of each changed key, open from the day the previous one closed.
INSERT INTO {{table}} ({{all_columns}})
SELECT {{source_columns}}, CONCAT(s.{{key}}, '#', {{text(ch.version_number + 1)}}), ch.version_number + 1, ch.valid_to,
    DATE '9999-12-31', TRUE
FROM {{source}} s
JOIN {{changes}} ch ON ch.{{key}} = s.{{key}}
