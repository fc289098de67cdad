-- Distinct active users in the :window days ending on each day of the range, in one pass: every user-day opens a
-- run of activity that lasts :window days or until the user's next active day, whichever comes first (so runs
-- never overlap); +1 where a run starts, -1 where it ends, and a running sum over the days gives the count.
-- Days: those of fct_daily_engagement (every day from the first to the last event day).
WITH runs AS (
    SELECT event_date,
        CASE WHEN next_date IS NULL OR next_date > {{add_days(event_date, :window)}}
            THEN {{add_days(event_date, :window)}} ELSE next_date END AS end_day
    FROM (
        SELECT user_id, event_date, LEAD(event_date) OVER (PARTITION BY user_id ORDER BY event_date) AS next_date
        FROM (
            SELECT DISTINCT user_id, event_date
            FROM {{events}}
            WHERE event_date BETWEEN {{add_days(:from, :back)}} AND :to
        ) ud
    ) l
)
SELECT day, active
FROM (
    SELECT s.event_date AS day,
        SUM(COALESCE(c.delta, 0)) OVER (ORDER BY s.event_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS active
    FROM ${marts:fct_daily_engagement} s
    LEFT JOIN (
        SELECT d, SUM(delta) AS delta
        FROM (
            SELECT event_date AS d, 1 AS delta FROM runs
            UNION ALL
            SELECT end_day AS d, -1 AS delta FROM runs
        ) u
        GROUP BY d
    ) c ON c.d = s.event_date
    WHERE s.event_date BETWEEN {{add_days(:from, :back)}} AND :to
) r
WHERE day BETWEEN :from AND :to
ORDER BY day
