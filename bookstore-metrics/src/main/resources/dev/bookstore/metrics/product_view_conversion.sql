-- Per product: sessions of the range that viewed it, and of those the sessions that bought it (a purchase event
-- naming the product) at or after their first view of it.
SELECT v.product_id, p.title, COUNT(*), SUM(CASE WHEN b.last_purchase_at >= v.first_view_at THEN 1 ELSE 0 END)
FROM (
    SELECT session_key, product_id, MIN(event_time) AS first_view_at
    FROM {{events}}
    WHERE event_type = 'product_view' AND product_id IS NOT NULL AND event_date BETWEEN :from AND :to
    GROUP BY session_key, product_id
) v
LEFT JOIN (
    SELECT session_key, product_id, MAX(event_time) AS last_purchase_at
    FROM {{events}}
    WHERE event_type = 'purchase' AND product_id IS NOT NULL AND event_date >= :from
    GROUP BY session_key, product_id
) b ON b.session_key = v.session_key AND b.product_id = v.product_id
LEFT JOIN ${marts:dim_products} p ON p.product_id = v.product_id
GROUP BY v.product_id, p.title
