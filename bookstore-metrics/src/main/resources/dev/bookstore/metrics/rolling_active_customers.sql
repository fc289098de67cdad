-- Distinct active users in the :window days ending on each day of the range, in one pass: every user-day opens a
-- run of activity that lasts :window days or until the user's next active day, whichever comes first (so runs
-- never overlap); +1 where a run starts, -1 where it ends, and a running sum over the days gives the count.
-- Days reported: those of the range in fct_daily_engagement (every day from the first to the last event day).
-- Written with unions, a two-row cross join and window functions only (no join on data, no WITH: H2 re-uses
-- stale results of parameterised common table expressions), so that it plans the same on every database.
SELECT active_day, active
FROM (
    SELECT active_day, on_spine,
        SUM(delta) OVER (ORDER BY active_day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS active
    FROM (
        SELECT active_day, SUM(delta) AS delta, MAX(on_spine) AS on_spine
        FROM (
            SELECT event_date AS active_day, 0 AS delta, 1 AS on_spine
            FROM ${marts:fct_daily_engagement}
            WHERE event_date BETWEEN :from AND :to
            UNION ALL
            SELECT CASE WHEN edge.delta = 1 THEN runs.event_date ELSE runs.end_day END, edge.delta, 0
            FROM (
                SELECT event_date,
                    CASE WHEN next_date IS NULL OR next_date > {{add_days(event_date, :window)}}
                        THEN {{add_days(event_date, :window)}} ELSE next_date END AS end_day
                FROM (
                    SELECT user_id, event_date,
                        LEAD(event_date) OVER (PARTITION BY user_id ORDER BY event_date) AS next_date
                    FROM (
                        SELECT DISTINCT user_id, event_date
                        FROM {{events}}
                        WHERE event_date BETWEEN {{add_days(:from, :back)}} AND :to
                    ) ud
                ) l
            ) runs
            CROSS JOIN (SELECT 1 AS delta UNION ALL SELECT -1 AS delta) edge
        ) u
        GROUP BY active_day
    ) g
) r
WHERE on_spine = 1
ORDER BY active_day
