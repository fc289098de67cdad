-- Per product: sessions of the range that viewed it, and of those the sessions that bought it (a purchase event
-- naming the product) at or after their first view of it. Each event carries the last purchase time of its
-- (session, product) (a window), so only the final per-product rows are joined to the catalogue.
SELECT v.product_id, p.title, v.view_sessions, v.purchase_sessions
FROM (
    SELECT product_id, COUNT(*) AS view_sessions,
        SUM(CASE WHEN last_purchase_at >= first_view_at THEN 1 ELSE 0 END) AS purchase_sessions
    FROM (
        SELECT session_key, product_id, MIN(event_time) AS first_view_at, MAX(last_purchase_at) AS last_purchase_at
        FROM (
            SELECT session_key, product_id, event_type, event_time, event_date,
                MAX(CASE WHEN event_type = 'purchase' THEN event_time END)
                    OVER (PARTITION BY session_key, product_id) AS last_purchase_at
            FROM {{events}}
            WHERE event_type IN ('product_view', 'purchase') AND product_id IS NOT NULL AND event_date >= :from
        ) e
        WHERE event_type = 'product_view' AND event_date <= :to
        GROUP BY session_key, product_id
    ) sp
    GROUP BY product_id
) v
LEFT JOIN ${marts:dim_products} p ON p.product_id = v.product_id
