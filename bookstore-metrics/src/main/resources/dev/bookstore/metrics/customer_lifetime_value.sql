-- Each registered customer's order history up to :as_of: first and last order day, orders, gross and net revenue.
SELECT customer_id, MIN(order_date) AS first_ordered_on, MAX(order_date) AS last_ordered_on, COUNT(*) AS order_count,
    SUM(gross_revenue) AS total_gross, SUM(net_revenue) AS total_net
FROM ${marts:fct_orders}
WHERE customer_id IS NOT NULL AND order_date <= :as_of
GROUP BY customer_id
