-- Orders of the range by who placed them: 'new' customers (their first order ever is in the range), 'returning'
-- customers (they had ordered before the range) and guests. A customer's orders all fall in one segment: the
-- smallest order_number of the customer's orders in the range decides it.
SELECT segment, COUNT(DISTINCT customer_id) AS customers, COUNT(*) AS order_count, SUM(gross_revenue) AS total_gross,
    SUM(net_revenue) AS total_net
FROM (
    SELECT
        CASE WHEN customer_id IS NULL THEN 'guest'
            WHEN MIN(order_number) OVER (PARTITION BY customer_id) = 1 THEN 'new' ELSE 'returning' END AS segment,
        customer_id, gross_revenue, net_revenue
    FROM ${marts:fct_orders}
    WHERE order_date BETWEEN :from AND :to
) s
GROUP BY segment
