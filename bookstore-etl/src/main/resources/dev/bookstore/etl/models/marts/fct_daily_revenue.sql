-- model: fct_daily_revenue
-- layer: marts
-- materialized: incremental
-- unique_key: order_date
-- incremental: order_date lookback 3 days
-- description: Revenue per business day, one row for every day from the first to the last order day (days without
--    orders have zeros): orders and customers from fct_orders, money from fct_order_lines, by the shared
--    definitions (net = gross − returned − cancelled).
-- column order_date DATE | The business day. | not_null, unique, relationships(dim_date.calendar_date)
-- column orders INTEGER | Orders (distinct order ids with a valid sale line). | not_null
-- column customers INTEGER | Distinct registered customers who ordered. | not_null
-- column guest_orders INTEGER | Orders without a customer. | not_null
-- column new_customers INTEGER | Customers whose first order it was. | not_null
-- column items BIGINT | Units on valid sale lines. | not_null
-- column gross_revenue ${type:money} | Σ gross_amount. | not_null
-- column returned_amount ${type:money} | Σ returned_amount. | not_null
-- column cancelled_amount ${type:money} | Σ cancelled_amount. | not_null
-- column net_revenue ${type:money} | Σ net_amount = gross − returned − cancelled. | not_null
SELECT
    d.calendar_date AS order_date,
    COALESCE(o.orders, 0) AS orders,
    COALESCE(o.customers, 0) AS customers,
    COALESCE(o.guest_orders, 0) AS guest_orders,
    COALESCE(o.new_customers, 0) AS new_customers,
    COALESCE(l.items, 0) AS items,
    COALESCE(l.gross_revenue, 0) AS gross_revenue,
    COALESCE(l.returned_amount, 0) AS returned_amount,
    COALESCE(l.cancelled_amount, 0) AS cancelled_amount,
    COALESCE(l.net_revenue, 0) AS net_revenue
FROM ${marts:dim_date} d
JOIN (SELECT MIN(order_date) AS first_day, MAX(order_date) AS last_day FROM ${staging:stg_orders}) span
    ON d.calendar_date >= span.first_day AND d.calendar_date <= span.last_day
LEFT JOIN (
    SELECT order_date, COUNT(*) AS orders, COUNT(DISTINCT customer_id) AS customers,
        SUM(CASE WHEN customer_id IS NULL THEN 1 ELSE 0 END) AS guest_orders,
        SUM(CASE WHEN is_first_order = TRUE THEN 1 ELSE 0 END) AS new_customers
    FROM ${marts:fct_orders}
    WHERE {{incremental_window(order_date)}}
    GROUP BY order_date
) o ON o.order_date = d.calendar_date
LEFT JOIN (
    SELECT order_date, SUM(CASE WHEN is_valid_sale = TRUE THEN quantity ELSE 0 END) AS items,
        SUM(gross_amount) AS gross_revenue, SUM(returned_amount) AS returned_amount,
        SUM(cancelled_amount) AS cancelled_amount, SUM(net_amount) AS net_revenue
    FROM ${marts:fct_order_lines}
    WHERE {{incremental_window(order_date)}}
    GROUP BY order_date
) l ON l.order_date = d.calendar_date
WHERE {{incremental_window(d.calendar_date)}}
