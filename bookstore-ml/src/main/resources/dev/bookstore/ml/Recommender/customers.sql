-- customers: every registered customer id (once, whatever its number of dimension versions), in id order.
SELECT DISTINCT customer_id
FROM ${marts:dim_customers}
ORDER BY customer_id
