-- pairs_same_customer: item–item co-occurrence by the same customer within a window. Per unordered product pair
-- (product_a < product_b), the registered customers who bought both on days at most :window_days apart (valid
-- sale lines on or before :as_of); pairs with fewer than :min_support customers are left out. The day difference is
-- the dialect's day difference of a.order_date and b.order_date (its sign does not matter).
WITH bought AS (
    SELECT DISTINCT customer_id, product_id, order_date
    FROM ${marts:fct_order_lines}
    WHERE is_valid_sale = TRUE AND customer_id IS NOT NULL AND order_date <= :as_of
)
SELECT a.product_id AS product_a, b.product_id AS product_b, COUNT(DISTINCT a.customer_id) AS together
FROM bought a
JOIN bought b ON b.customer_id = a.customer_id AND a.product_id < b.product_id
WHERE ABS({{days_between(a.order_date, b.order_date)}}) <= :window_days
GROUP BY a.product_id, b.product_id
HAVING COUNT(DISTINCT a.customer_id) >= :min_support
