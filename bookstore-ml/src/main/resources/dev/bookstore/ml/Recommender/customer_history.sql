-- customer_history: one customer's products with the orders holding each (valid sale lines on or before :as_of);
-- reads the customer's rows only (fct_order_lines is indexed by customer_id).
SELECT product_id, COUNT(DISTINCT order_id) AS orders
FROM ${marts:fct_order_lines}
WHERE customer_id = :customer_id AND is_valid_sale = TRUE AND order_date <= :as_of
GROUP BY product_id
