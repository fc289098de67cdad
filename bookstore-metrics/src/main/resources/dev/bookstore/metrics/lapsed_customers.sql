-- Customers (current version of dim_customers) registered on or before :cutoff who have no order in the days
-- after :cutoff up to :as_of: their last order is on or before :cutoff, or they never ordered.
SELECT c.customer_id, c.registration_date, o.last_order_date, COALESCE(o.orders, 0)
FROM ${marts:dim_customers} c
LEFT JOIN (
    SELECT customer_id, MAX(order_date) AS last_order_date, COUNT(*) AS orders
    FROM ${marts:fct_orders}
    WHERE customer_id IS NOT NULL AND order_date <= :as_of
    GROUP BY customer_id
) o ON o.customer_id = c.customer_id
WHERE c.is_current = TRUE AND c.registration_date <= :cutoff
    AND (o.last_order_date IS NULL OR o.last_order_date <= :cutoff)
