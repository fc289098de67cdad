-- One later step k of the funnel (see FunnelSql): the chains of c{{previous}} probe the events of step k's type
-- ({{type}}) and of the interrupting types ({{relevant}}, {{is_stop}}); nk is the next step-k event after a
-- chain's last step, xk the next interruption (always NULL when nothing interrupts). Chains of an entity and
-- dimension value with the same nk and xk share their future: the latest start dominates the others, so one row
-- per group carries on with the group's shortest seconds {{carried_min}}; it takes tk = nk (and dk) when nk is
-- within :window_seconds of that start and not interrupted. Chains that died earlier bypass the window pass
-- (typed NULLs: t1 is a timestamp).
c{{k}} AS (
    SELECT entity, dim, MAX(t1) AS t1{{carried_min}},
        CASE WHEN nk IS NOT NULL AND {{seconds_between(MAX(t1), nk)}} <= :window_seconds AND (xk IS NULL OR nk <= xk)
            THEN nk END AS t{{k}},
        CASE WHEN nk IS NOT NULL AND {{seconds_between(MAX(t1), nk)}} <= :window_seconds AND (xk IS NULL OR nk <= xk)
            THEN {{seconds_between(MAX(t1), nk)}} END AS d{{k}}
    FROM (
        SELECT u.*,
            MIN(CASE WHEN is_next = 1 THEN event_time END) OVER (PARTITION BY entity ORDER BY event_time DESC,
                probe DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS nk,
            MIN(CASE WHEN is_stop = 1 THEN event_time END) OVER (PARTITION BY entity ORDER BY event_time DESC,
                probe DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS xk
        FROM (
            SELECT entity, t{{previous}} AS event_time, 1 AS probe, dim, t1{{carried}}, 0 AS is_next, 0 AS is_stop
            FROM c{{previous}} WHERE t{{previous}} IS NOT NULL
            UNION ALL
            SELECT entity, event_time, 0 AS probe, dim, event_time{{zeros}},
                CASE WHEN h_{{type}} = 1 THEN 1 ELSE 0 END, {{is_stop}}
            FROM ev WHERE {{relevant}}
        ) u
    ) w
    WHERE probe = 1
    GROUP BY entity, dim, nk, xk
    UNION ALL
    SELECT entity, dim, t1{{carried}}, CASE WHEN 1 = 0 THEN t1 END, CASE WHEN 1 = 0 THEN {{seconds_between(t1, t1)}} END
    FROM c{{previous}} WHERE t{{previous}} IS NULL
)
