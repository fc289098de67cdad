-- customer_features: one row per registered customer with at least one order on or before the as-of day.
-- Point in time: only orders and sessions dated on or before {{as_of}} are read; nothing later leaks in.
-- Tokens: {{as_of}}, {{as_of_minus_30}}, {{as_of_minus_90}} are DATE literals; {{recency}} and {{tenure}} are
-- dialect day differences to the as-of day.
WITH orders AS (
    SELECT
        customer_id,
        COUNT(*) AS frequency,
        SUM(gross_revenue) AS monetary,
        MAX(order_date) AS last_order_date,
        SUM(CASE WHEN order_number > 1 THEN days_since_previous_order ELSE 0 END) AS gap_days,
        SUM(CASE WHEN order_number > 1 THEN 1 ELSE 0 END) AS gaps,
        SUM(CASE WHEN order_date > {{as_of_minus_30}} THEN 1 ELSE 0 END) AS orders_30d,
        SUM(CASE WHEN order_date > {{as_of_minus_90}} THEN 1 ELSE 0 END) AS orders_90d,
        SUM(CASE WHEN order_date > {{as_of_minus_90}} THEN gross_revenue ELSE 0 END) AS revenue_90d
    FROM ${marts:fct_orders}
    WHERE customer_id IS NOT NULL AND order_date <= {{as_of}}
    GROUP BY customer_id
),
sessions AS (
    SELECT
        user_id,
        SUM(CASE WHEN session_date > {{as_of_minus_30}} THEN 1 ELSE 0 END) AS sessions_30d,
        COUNT(*) AS sessions_90d,
        SUM(CASE WHEN session_date > {{as_of_minus_30}} AND add_to_carts > 0 AND purchases = 0 THEN 1 ELSE 0 END)
            AS abandoned_30d,
        SUM(CASE WHEN add_to_carts > 0 AND purchases = 0 THEN 1 ELSE 0 END) AS abandoned_90d
    FROM ${marts:fct_sessions}
    WHERE session_date <= {{as_of}} AND session_date > {{as_of_minus_90}}
    GROUP BY user_id
)
SELECT
    c.customer_id,
    c.acquisition_channel,
    {{tenure}} AS tenure_days,
    {{recency}} AS recency_days,
    o.frequency,
    o.monetary,
    o.gap_days,
    o.gaps,
    o.orders_30d,
    o.orders_90d,
    o.revenue_90d,
    COALESCE(s.sessions_30d, 0) AS sessions_30d,
    COALESCE(s.sessions_90d, 0) AS sessions_90d,
    COALESCE(s.abandoned_30d, 0) AS abandoned_30d,
    COALESCE(s.abandoned_90d, 0) AS abandoned_90d
FROM ${marts:dim_customers} c
JOIN orders o ON o.customer_id = c.customer_id
LEFT JOIN sessions s ON s.user_id = c.customer_id
WHERE c.is_current = TRUE AND c.registration_date <= {{as_of}}
