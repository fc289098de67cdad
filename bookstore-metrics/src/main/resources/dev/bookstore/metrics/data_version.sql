-- The warehouse's data version as the metrics see it: the marts change only when a transform run records its
-- models here, so the number of recorded model builds and the latest finish time identify the data.
SELECT COUNT(*) AS runs, MAX(finished_at) AS last_finished_at FROM ${meta:transform_runs}
