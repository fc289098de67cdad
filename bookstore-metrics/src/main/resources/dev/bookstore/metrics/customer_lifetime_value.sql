-- Each registered customer's order history up to :as_of: first and last order day, orders, gross and net revenue.
SELECT customer_id, MIN(order_date), MAX(order_date), COUNT(*), SUM(gross_revenue), SUM(net_revenue)
FROM ${marts:fct_orders}
WHERE customer_id IS NOT NULL AND order_date <= :as_of
GROUP BY customer_id
