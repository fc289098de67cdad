-- Per product: sessions of the range that viewed it, and of those the sessions that bought it (a purchase event
-- naming the product) at or after their first view of it. One hash aggregation per (session, product) gives the
-- first view in the range and the last purchase; no window and no join but the final one to the catalogue.
SELECT v.product_id, p.title, v.view_sessions, v.purchase_sessions
FROM (
    SELECT product_id, COUNT(*) AS view_sessions,
        SUM(CASE WHEN last_purchase_at >= first_view_at THEN 1 ELSE 0 END) AS purchase_sessions
    FROM (
        SELECT session_key, product_id,
            MIN(CASE WHEN event_type = 'product_view' AND event_date <= :to THEN event_time END) AS first_view_at,
            MAX(CASE WHEN event_type = 'purchase' THEN event_time END) AS last_purchase_at
        FROM {{events}}
        WHERE event_type IN ('product_view', 'purchase') AND product_id IS NOT NULL AND event_date >= :from
        GROUP BY session_key, product_id
    ) sp
    WHERE first_view_at IS NOT NULL
    GROUP BY product_id
) v
LEFT JOIN ${marts:dim_products} p ON p.product_id = v.product_id
