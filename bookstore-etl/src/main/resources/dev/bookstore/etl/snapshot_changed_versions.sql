-- A snapshot run: the current versions whose checked columns differ from the model's row ({{changed}}: any of
-- them differs, NULLs compared as values). They close on the snapshot day, or on the day they opened if later.
INSERT INTO {{changes}} ({{key}}, version_number, valid_to, is_current)
SELECT v.{{key}}, v.version_number,
    CASE WHEN v.valid_from > CAST(:snapshot_day AS DATE) THEN v.valid_from ELSE CAST(:snapshot_day AS DATE) END, FALSE
FROM {{source}} s
JOIN {{table}} v ON v.{{key}} = s.{{key}} AND v.is_current = TRUE
WHERE {{changed}}
