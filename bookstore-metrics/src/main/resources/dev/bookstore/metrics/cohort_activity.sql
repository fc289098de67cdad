-- Per acquisition cohort (month of the customer's first order, for first orders in the range) and month since
-- acquisition: customers who ordered in that month and their gross revenue. The last column is how many months
-- after the cohort's month the latest order in the warehouse is (how far the cohort can be observed).
SELECT cohort_month, months_since, COUNT(DISTINCT customer_id), SUM(gross_revenue),
    (SELECT {{month_index(MAX(order_date))}} FROM ${marts:fct_orders}) - {{month_index(cohort_month)}}
FROM (
    SELECT f.cohort_month, o.customer_id, o.gross_revenue,
        {{month_index(o.order_date)}} - {{month_index(f.first_order_date)}} AS months_since
    FROM (
        SELECT customer_id, order_date AS first_order_date, {{trunc(order_date)}} AS cohort_month
        FROM ${marts:fct_orders}
        WHERE order_number = 1 AND order_date BETWEEN :from AND :to
    ) f
    JOIN ${marts:fct_orders} o ON o.customer_id = f.customer_id
) a
GROUP BY cohort_month, months_since
