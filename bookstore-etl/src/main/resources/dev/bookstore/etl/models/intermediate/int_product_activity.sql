-- model: int_product_activity
-- layer: intermediate
-- materialized: table
-- unique_key: product_id, event_date
-- description: Product interactions per day: for each product and business day with clickstream events about it,
--    how often it was viewed, put in and taken out of carts and bought, and by how many users and sessions.
-- column product_id VARCHAR(64) | The product. | not_null
-- column event_date DATE | Business day. | not_null
-- column product_views INTEGER | product_view events. | not_null
-- column add_to_carts INTEGER | add_to_cart events. | not_null
-- column remove_from_carts INTEGER | remove_from_cart events. | not_null
-- column purchases INTEGER | purchase events naming the product. | not_null
-- column users INTEGER | Distinct users with any of these events. | not_null
-- column sessions INTEGER | Distinct sessions with any of these events. | not_null
-- test: unique(product_id, event_date)
SELECT
    product_id,
    event_date,
    SUM(CASE WHEN event_type = 'product_view' THEN 1 ELSE 0 END) AS product_views,
    SUM(CASE WHEN event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS add_to_carts,
    SUM(CASE WHEN event_type = 'remove_from_cart' THEN 1 ELSE 0 END) AS remove_from_carts,
    SUM(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases,
    COUNT(DISTINCT user_id) AS users,
    COUNT(DISTINCT session_key) AS sessions
FROM ${intermediate:int_session_events}
WHERE product_id IS NOT NULL
GROUP BY product_id, event_date
