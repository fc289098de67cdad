-- first_order_day: the day of the earliest order of a known customer (the start of the usable history).
SELECT MIN(order_date) AS first_order_day
FROM ${marts:fct_orders}
WHERE customer_id IS NOT NULL
