-- item_counts: per product with a valid sale line on or before :as_of, the orders holding it, the registered
-- customers who bought it, and the orders holding it in the recent window (:recent_from, :as_of].
SELECT
    product_id,
    COUNT(DISTINCT order_id) AS orders,
    COUNT(DISTINCT customer_id) AS customers,
    COUNT(DISTINCT CASE WHEN order_date > :recent_from THEN order_id END) AS recent_orders
FROM ${marts:fct_order_lines}
WHERE is_valid_sale = TRUE AND order_date <= :as_of
GROUP BY product_id
