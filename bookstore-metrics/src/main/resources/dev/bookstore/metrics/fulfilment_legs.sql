-- The days each order of the range took on each leg: ordered → shipped, shipped → delivered, ordered → delivered
-- (orders without the later date are not on that leg). A relation for averages and percentiles.
SELECT 'order_to_shipped' AS leg, {{days_between(order_date, shipped_date)}} AS days
FROM ${marts:fct_orders}
WHERE order_date BETWEEN :from AND :to AND shipped_date IS NOT NULL
UNION ALL
SELECT 'shipped_to_delivered', {{days_between(shipped_date, delivered_date)}}
FROM ${marts:fct_orders}
WHERE order_date BETWEEN :from AND :to AND shipped_date IS NOT NULL AND delivered_date IS NOT NULL
UNION ALL
SELECT 'order_to_delivered', {{days_between(order_date, delivered_date)}}
FROM ${marts:fct_orders}
WHERE order_date BETWEEN :from AND :to AND delivered_date IS NOT NULL
