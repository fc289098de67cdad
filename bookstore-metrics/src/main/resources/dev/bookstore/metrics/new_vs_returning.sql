-- Orders of the range by who placed them: 'new' customers (their first order ever is in the range), 'returning'
-- customers (they had ordered before the range) and guests. A customer's orders all fall in one segment.
SELECT segment, COUNT(DISTINCT customer_id), COUNT(*), SUM(gross_revenue), SUM(net_revenue)
FROM (
    SELECT
        CASE WHEN o.customer_id IS NULL THEN 'guest' WHEN f.first_number = 1 THEN 'new' ELSE 'returning' END
            AS segment,
        o.customer_id, o.gross_revenue, o.net_revenue
    FROM ${marts:fct_orders} o
    LEFT JOIN (
        SELECT customer_id, MIN(order_number) AS first_number
        FROM ${marts:fct_orders}
        WHERE customer_id IS NOT NULL AND order_date BETWEEN :from AND :to
        GROUP BY customer_id
    ) f ON f.customer_id = o.customer_id
    WHERE o.order_date BETWEEN :from AND :to
) s
GROUP BY segment
