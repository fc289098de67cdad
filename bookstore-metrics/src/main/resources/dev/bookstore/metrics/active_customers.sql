-- Distinct users with at least one clickstream event per calendar {{grain}} (only the range's days count, so a
-- period cut by the range covers its days in the range). Read from the sessions, not the events: a user has
-- events on every business day from a session's first day to its last (a session has no gap over 30 minutes), so
-- the user's active days in the range are, per session, its first and last day clamped to the range plus, for
-- the rare sessions spanning three days or more, the days between them (a join on dim_date).
SELECT period_start, COUNT(DISTINCT user_id) AS active_users
FROM (
    SELECT {{date_trunc({{grain}}, first_day)}} AS period_start, user_id
    FROM (
        SELECT user_id, CASE WHEN session_date < :from THEN :from ELSE session_date END AS first_day
        FROM ${marts:fct_sessions}
        WHERE session_date <= :to AND session_end_date >= :from
    ) f
    UNION ALL
    SELECT {{date_trunc({{grain}}, last_day)}}, user_id
    FROM (
        SELECT user_id, CASE WHEN session_end_date > :to THEN :to ELSE session_end_date END AS last_day
        FROM ${marts:fct_sessions}
        WHERE session_date <= :to AND session_end_date >= :from AND session_end_date > session_date
    ) l
    UNION ALL
    SELECT {{date_trunc({{grain}}, dd.calendar_date)}}, s.user_id
    FROM ${marts:fct_sessions} s
    JOIN ${marts:dim_date} dd ON dd.calendar_date > s.session_date AND dd.calendar_date < s.session_end_date
    WHERE s.session_date <= :to AND s.session_end_date >= :from
        AND s.session_end_date > {{add_days(s.session_date, 1)}}
        AND dd.calendar_date BETWEEN :from AND :to
) e
GROUP BY period_start
ORDER BY period_start
