-- One later step k of the funnel (see FunnelSql): {{next_events}} gives, for each live chain of c{{previous}}, nk,
-- the next step-k event ({{type}}) after the chain's last step, and xk, the next interrupting event (always NULL
-- when nothing interrupts): by a window over the chains and the events (funnel_next_window.sql) or by as-of joins
-- where the dialect has them (funnel_next_asof.sql). Chains of an entity and dimension value with the same nk and
-- xk share their future: the latest start dominates the others, so one row per group carries on with the group's
-- shortest seconds {{carried_min}}; it takes tk = nk (and dk) when nk is within :window_seconds of that start and
-- not interrupted. Chains that died earlier bypass that pass (typed NULLs: t1 is a timestamp).
c{{k}} AS (
    SELECT entity, dim, MAX(t1) AS t1{{carried_min}},
        CASE WHEN nk IS NOT NULL AND {{seconds_between(MAX(t1), nk)}} <= :window_seconds AND (xk IS NULL OR nk <= xk)
            THEN nk END AS t{{k}},
        CASE WHEN nk IS NOT NULL AND {{seconds_between(MAX(t1), nk)}} <= :window_seconds AND (xk IS NULL OR nk <= xk)
            THEN {{seconds_between(MAX(t1), nk)}} END AS d{{k}}
    FROM (
{{next_events}}
    ) w
    GROUP BY entity, dim, nk, xk
    UNION ALL
    SELECT entity, dim, t1{{carried}}, CASE WHEN 1 = 0 THEN t1 END, CASE WHEN 1 = 0 THEN {{seconds_between(t1, t1)}} END
    FROM c{{previous}} WHERE t{{previous}} IS NULL
)
