-- pairs_same_order: item–item co-occurrence in the same order. Per unordered product pair (product_a <
-- product_b), the orders holding a valid sale line of both, on or before :as_of; pairs in fewer than
-- :min_support orders are left out. Computed in the database: only the pair counts leave it.
WITH baskets AS (
    SELECT DISTINCT order_id, product_id
    FROM ${marts:fct_order_lines}
    WHERE is_valid_sale = TRUE AND order_date <= :as_of
)
SELECT a.product_id AS product_a, b.product_id AS product_b, COUNT(*) AS together
FROM baskets a
JOIN baskets b ON b.order_id = a.order_id AND a.product_id < b.product_id
GROUP BY a.product_id, b.product_id
HAVING COUNT(*) >= :min_support
