-- nk and xk of step k's live chains by one window (funnel_step.sql): every chain of c{{previous}} becomes a probe
-- row at the time of its last step, mixed with the events of step k's type and of the interrupting types
-- ({{relevant}}, {{is_stop}}); ordered by time (descending, probes before events of the same second), a window
-- minimum over the rows before a probe gives the next such event strictly after it.
        SELECT entity, dim, t1{{carried}}, nk, xk
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
        ) v
        WHERE probe = 1
