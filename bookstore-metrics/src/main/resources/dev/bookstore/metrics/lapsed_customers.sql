-- Customers (current version of dim_customers) registered on or before :cutoff who have no order in the days
-- after :cutoff up to :as_of: their last order is on or before :cutoff, or they never ordered. Customers and
-- their orders are unioned and grouped (no join).
SELECT customer_id, MAX(registration_date) AS registered_on, MAX(last_order_date) AS last_ordered_on,
    SUM(orders) AS order_count
FROM (
    SELECT customer_id, registration_date, NULL AS last_order_date, 0 AS orders, 1 AS is_customer
    FROM ${marts:dim_customers}
    WHERE is_current = TRUE AND registration_date <= :cutoff
    UNION ALL
    SELECT customer_id, NULL, order_date, 1, 0
    FROM ${marts:fct_orders}
    WHERE customer_id IS NOT NULL AND order_date <= :as_of
) u
GROUP BY customer_id
HAVING MAX(is_customer) = 1 AND (MAX(last_order_date) IS NULL OR MAX(last_order_date) <= :cutoff)
