-- Revenue and orders per period of {{grain}}: the days of fct_daily_revenue in the range (every day from the
-- first to the last order day), grouped by the start of their period. Money and counts follow the shared
-- definitions through the mart's columns.
SELECT period_start, SUM(orders) AS total_orders, SUM(items) AS total_items, SUM(gross_revenue) AS total_gross,
    SUM(net_revenue) AS total_net
FROM (
    SELECT {{date_trunc({{grain}}, order_date)}} AS period_start, orders, items, gross_revenue, net_revenue
    FROM ${marts:fct_daily_revenue}
    WHERE order_date BETWEEN :from AND :to
) d
GROUP BY period_start
ORDER BY period_start
