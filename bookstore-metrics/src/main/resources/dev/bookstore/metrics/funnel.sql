-- The funnel (semantics: Funnel; plan: FunnelSql). Rows part, is_total, grp, step, n, p0, p1: for part 0, n entities
-- reached step `step`; for part 1, p0 and p1 are the median and 90th percentile of the seconds from the first step
-- to step `step` (2..n) over those entities.
-- Fragments (written by FunnelSql from the funnel's steps, never from user text): {{entity}} the user or session
-- column, {{dimension}} the breakdown value, {{step_flags}} one 0/1 column h_<type> per distinct step type,
-- {{step_types}} the types' parameters, {{first_type}}, {{later_steps}} one chain CTE c2..cn per later step
-- (funnel_step.sql), {{last_chain}} cn, {{level}} and {{shortest_times}} over d2..dn, {{totals}} (is_total 1,
-- and 0 with a breakdown), {{step_table}} the steps 1..n and {{step_seconds}} the seconds to each step.
-- Parameters: :from and :to (the range), :events_to (its end plus the trailing days), :unknown, :type_<code>.
WITH ev AS (
    SELECT {{entity}} AS entity, e.event_time, e.event_date, {{dimension}} AS dim{{step_flags}}
    FROM {{events}} e
    WHERE e.event_type IN ({{step_types}}) AND e.event_date BETWEEN :from AND :events_to
),
c1 AS (
    SELECT entity, dim, event_time AS t1 FROM ev WHERE h_{{first_type}} = 1 AND event_date BETWEEN :from AND :to
){{later_steps}},
d AS (
    SELECT is_total, grp, entity, MAX(lvl) AS lvl{{shortest_times}}
    FROM (
        SELECT k.is_total, CASE WHEN k.is_total = 1 THEN '' ELSE ch.dim END AS grp, ch.*
        FROM (SELECT c.*, {{level}} AS lvl FROM {{last_chain}} c) ch
        CROSS JOIN {{totals}} k
    ) x
    GROUP BY is_total, grp, entity
)
SELECT 0 AS part, d.is_total, d.grp, s.step, SUM(CASE WHEN d.lvl >= s.step THEN 1 ELSE 0 END) AS n, NULL AS p0,
    NULL AS p1
FROM d CROSS JOIN {{step_table}} s
GROUP BY d.is_total, d.grp, s.step
UNION ALL
SELECT 1, pq.is_total, pq.grp, pq.step, NULL, pq.p0, pq.p1 FROM ({{step_percentiles}}) pq
