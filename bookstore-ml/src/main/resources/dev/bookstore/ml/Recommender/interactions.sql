-- interactions: per registered customer and product, the orders (distinct order ids) with a valid sale line of
-- the product dated in (:from_day, :to_day]. The per-customer history that ALS and item-kNN are fitted on and
-- that serving excludes; it is (customer, product, count) rows, never order lines.
SELECT customer_id, product_id, COUNT(DISTINCT order_id) AS orders
FROM ${marts:fct_order_lines}
WHERE is_valid_sale = TRUE AND customer_id IS NOT NULL AND order_date > :from_day AND order_date <= :to_day
GROUP BY customer_id, product_id
