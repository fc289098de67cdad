-- Per marketing channel: orders and revenue by the order's channel (fct_orders), sessions and purchasing sessions
-- by the session's channel (fct_sessions: the channel of its first event).
SELECT channel, SUM(orders) AS total_orders, SUM(gross) AS total_gross, SUM(net) AS total_net,
    SUM(sessions) AS total_sessions, SUM(purchasing) AS total_purchasing
FROM (
    SELECT COALESCE(channel, '(unknown)') AS channel, 1 AS orders, gross_revenue AS gross, net_revenue AS net,
        0 AS sessions, 0 AS purchasing
    FROM ${marts:fct_orders}
    WHERE order_date BETWEEN :from AND :to
    UNION ALL
    SELECT COALESCE(channel, '(unknown)'), 0, 0, 0, 1, CASE WHEN has_purchase = TRUE THEN 1 ELSE 0 END
    FROM ${marts:fct_sessions}
    WHERE session_date BETWEEN :from AND :to
) u
GROUP BY channel
