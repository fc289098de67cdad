-- order_count: the orders with a valid sale line on or before :as_of (the N of the same-order contingency table)
-- and the registered customers with one (the N of the same-customer table).
SELECT COUNT(DISTINCT order_id) AS orders, COUNT(DISTINCT customer_id) AS customers
FROM ${marts:fct_order_lines}
WHERE is_valid_sale = TRUE AND order_date <= :as_of
