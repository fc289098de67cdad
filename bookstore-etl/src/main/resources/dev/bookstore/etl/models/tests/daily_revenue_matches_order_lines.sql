-- test: daily_revenue_matches_order_lines
-- model: fct_daily_revenue
-- severity: error
-- description: fct_daily_revenue's gross and net revenue equal the sums of fct_order_lines for each day, and its
--    order count the number of fct_orders rows of the day. One failing row per day that differs.
SELECT r.order_date
FROM ${marts:fct_daily_revenue} r
LEFT JOIN (
    SELECT order_date, SUM(gross_amount) AS gross, SUM(net_amount) AS net
    FROM ${marts:fct_order_lines} GROUP BY order_date
) l ON l.order_date = r.order_date
LEFT JOIN (
    SELECT order_date, COUNT(*) AS orders FROM ${marts:fct_orders} GROUP BY order_date
) o ON o.order_date = r.order_date
WHERE COALESCE(l.gross, 0) <> r.gross_revenue OR COALESCE(l.net, 0) <> r.net_revenue
    OR COALESCE(o.orders, 0) <> r.orders
