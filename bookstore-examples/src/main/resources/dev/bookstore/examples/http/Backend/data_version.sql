-- The warehouse's data version for /health and /prometheus: the number of model builds recorded by transform runs.
SELECT COUNT(*) FROM ${meta:transform_runs}
