-- Distinct users with at least one clickstream event per calendar {{grain}} (only the range's days count, so a
-- period cut by the range covers its days in the range).
SELECT period_start, COUNT(DISTINCT user_id)
FROM (
    SELECT {{trunc(event_date)}} AS period_start, user_id
    FROM {{events}}
    WHERE event_date BETWEEN :from AND :to
) e
GROUP BY period_start
ORDER BY period_start
