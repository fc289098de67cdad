-- Totals of the range: orders, units, gross, returned, cancelled and net revenue (fct_daily_revenue) and the
-- distinct registered customers who ordered (fct_orders).
SELECT
    COALESCE(SUM(orders), 0) AS total_orders, COALESCE(SUM(items), 0) AS total_items, SUM(gross_revenue) AS total_gross,
    SUM(returned_amount) AS total_returned, SUM(cancelled_amount) AS total_cancelled, SUM(net_revenue) AS total_net,
    (SELECT COUNT(DISTINCT customer_id) FROM ${marts:fct_orders} WHERE order_date BETWEEN :from AND :to) AS customers
FROM ${marts:fct_daily_revenue}
WHERE order_date BETWEEN :from AND :to
