-- Distinct active users in the :window days ending on each day of the range, in one pass over the sessions and
-- no window per user. A user has events on every business day from a session's first day (session_date) to its
-- last (session_end_date): sessions have no gap over 30 minutes. Count each user, on each day D, at the earliest
-- of their active days in the window D - :window + 1 .. D: for a session whose days are [a, b] and whose user's
-- previous active day is p (previous_end_date), that earliest day lies in this session for D from
-- max(a, p + :window) (a for a first session) to b + :window - 1 — nothing when p >= b (no new day). So +1 on the
-- first of those days, -1 on the day after the last, and a running sum over the days gives the count.
-- Days reported: those of the range in fct_daily_engagement (every day from the first to the last event day).
-- Written with unions, a two-row cross join and window functions over days only (no join on data, no WITH: H2
-- re-uses stale results of parameterised common table expressions), so that it plans the same on every database.
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
            SELECT CASE WHEN edge.delta = 1 THEN runs.start_day ELSE runs.end_day END, edge.delta * runs.sessions, 0
            FROM (
                SELECT start_day, end_day, COUNT(*) AS sessions
                FROM (
                    SELECT
                        CASE WHEN previous_end_date IS NOT NULL
                                AND {{add_days(previous_end_date, :window)}} > session_date
                            THEN {{add_days(previous_end_date, :window)}} ELSE session_date END AS start_day,
                        {{add_days(session_end_date, :window)}} AS end_day
                    FROM ${marts:fct_sessions}
                    WHERE session_date <= :to AND session_end_date >= {{add_days(:from, :back)}}
                        AND (previous_end_date IS NULL OR previous_end_date < session_end_date)
                ) s
                GROUP BY start_day, end_day
            ) runs
            CROSS JOIN (SELECT 1 AS delta UNION ALL SELECT -1 AS delta) edge
        ) u
        GROUP BY active_day
    ) g
) r
WHERE on_spine = 1
ORDER BY active_day
