-- Totals of the range: orders, units, gross, returned, cancelled and net revenue (fct_daily_revenue) and the
-- distinct registered customers who ordered (fct_orders).
SELECT
    COALESCE(SUM(orders), 0), COALESCE(SUM(items), 0), SUM(gross_revenue), SUM(returned_amount),
    SUM(cancelled_amount), SUM(net_revenue),
    (SELECT COUNT(DISTINCT customer_id) FROM ${marts:fct_orders} WHERE order_date BETWEEN :from AND :to)
FROM ${marts:fct_daily_revenue}
WHERE order_date BETWEEN :from AND :to
