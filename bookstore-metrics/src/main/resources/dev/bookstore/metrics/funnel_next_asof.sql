-- nk and xk of step k's live chains by as-of joins (funnel_step.sql; same rows as funnel_next_window.sql): each
-- chain of c{{previous}} meets the first event of step k's type ({{next_join}}) and the first interrupting event
-- ({{stop_join}}) strictly after its last step — a sort-merge of the chains with those events instead of a framed
-- window over their union.
        SELECT p.entity, p.dim, p.t1{{carried_p}}, n.event_time AS nk, {{stop_time}} AS xk
        FROM (SELECT * FROM c{{previous}} WHERE t{{previous}} IS NOT NULL) p
        {{next_join}}{{stop_join}}
