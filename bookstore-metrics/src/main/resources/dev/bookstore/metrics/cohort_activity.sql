-- Per acquisition cohort (month of the customer's first order, for first orders in the range) and month since
-- acquisition: customers who ordered in that month and their gross revenue, counting orders up to the range's last
-- day only (nothing past :to is read). The last column is how many months after the cohort's month the latest
-- order in the warehouse is (the caller caps it at the range's last month).
SELECT cohort_month, months_since, COUNT(DISTINCT customer_id) AS customers, SUM(gross_revenue) AS total_gross,
    (SELECT {{month_index(MAX(order_date))}} FROM ${marts:fct_orders}) - {{month_index(cohort_month)}}
        AS months_observed
FROM (
    SELECT customer_id, gross_revenue, {{date_trunc({{grain}}, first_order_date)}} AS cohort_month,
        {{month_index(order_date)}} - {{month_index(first_order_date)}} AS months_since
    FROM (
        SELECT customer_id, order_date, gross_revenue,
            MIN(order_date) OVER (PARTITION BY customer_id) AS first_order_date
        FROM ${marts:fct_orders}
        WHERE customer_id IS NOT NULL
    ) o
    WHERE first_order_date BETWEEN :from AND :to AND order_date <= :to
) a
GROUP BY cohort_month, months_since
