-- model: int_customer_orders
-- layer: intermediate
-- materialized: table
-- unique_key: order_id
-- description: Each registered customer's order history: one row per order (a distinct order id with at least one
--    valid sale line) of a known customer, numbered in time order (order_date, then ordered_at, then order_id),
--    with the gap to the previous order and the running revenue.
-- column customer_id VARCHAR(64) | The customer. | not_null
-- column order_id VARCHAR(64) | The order. | not_null, unique
-- column order_date DATE | Business day of the order. | not_null
-- column ordered_at ${type:timestamp} | When it was placed (UTC). |
-- column order_number INTEGER | 1 for the customer's first order, 2 for the second, ... | not_null
-- column is_first_order BOOLEAN | order_number = 1. | not_null
-- column previous_order_date DATE | Day of the customer's previous order; NULL for the first. |
-- column days_since_previous_order INTEGER | Days from the previous order; NULL for the first. |
-- column gross_revenue ${type:money} | The order's gross revenue. | not_null
-- column cumulative_gross_revenue ${type:money} | The customer's gross revenue up to and including this order. | not_null
SELECT
    customer_id,
    order_id,
    order_date,
    ordered_at,
    order_number,
    CASE WHEN order_number = 1 THEN TRUE ELSE FALSE END AS is_first_order,
    previous_order_date,
    {{days_between(previous_order_date, order_date)}} AS days_since_previous_order,
    gross_revenue,
    cumulative_gross_revenue
FROM (
    SELECT
        n.*,
        LAG(order_date) OVER (PARTITION BY customer_id ORDER BY order_number) AS previous_order_date,
        SUM(gross_revenue) OVER (PARTITION BY customer_id ORDER BY order_number
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_gross_revenue
    FROM (
        SELECT
            o.*,
            ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date,
                CASE WHEN ordered_at IS NULL THEN 1 ELSE 0 END, ordered_at, order_id) AS order_number
        FROM (
            SELECT customer_id, order_id, MIN(order_date) AS order_date, MIN(ordered_at) AS ordered_at,
                SUM(gross_amount) AS gross_revenue
            FROM ${intermediate:int_order_lines}
            WHERE is_valid_sale = TRUE AND customer_id IS NOT NULL
            GROUP BY customer_id, order_id
        ) o
    ) n
) h
