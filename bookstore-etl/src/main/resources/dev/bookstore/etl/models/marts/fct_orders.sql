-- model: fct_orders
-- layer: marts
-- materialized: incremental
-- unique_key: order_id
-- index: customer_id
-- partition: month(order_date)
-- incremental: order_date lookback 3 days
-- description: One row per order: a distinct order id with at least one valid sale line. Order-level attributes
--    (status, channel, shipping) come from its first valid line; totals sum its lines in fct_order_lines
--    (gross_revenue = Σ gross_amount, net_revenue = Σ net_amount). Registered customers' orders carry their place
--    in the customer's history (int_customer_orders); guest orders have NULL there. All lines of an order share
--    its order_date.
-- column order_id VARCHAR(64) | The order id. | not_null, unique
-- column customer_id VARCHAR(64) | The buying customer; NULL for a guest order. |
-- column order_date DATE | Business day of the order. | not_null
-- column ordered_at ${type:timestamp} | When it was placed (UTC). |
-- column status VARCHAR(16) | Fulfilment status. | not_null, accepted_values(delivered, shipped, pending, returned)
-- column channel VARCHAR(32) | Marketing channel. |
-- column payment_method VARCHAR(32) | How it was paid. |
-- column shipping_city VARCHAR(100) | City shipped to. |
-- column shipping_state VARCHAR(100) | State shipped to. |
-- column shipping_country VARCHAR(100) | Country shipped to. |
-- column shipped_date DATE | Day shipped. |
-- column delivered_date DATE | Day delivered. |
-- column line_count INTEGER | Valid sale lines. | not_null
-- column items INTEGER | Units on valid sale lines. | not_null
-- column gross_revenue ${type:money} | Σ gross_amount of its lines. | not_null
-- column returned_amount ${type:money} | Σ returned_amount of its lines. | not_null
-- column net_revenue ${type:money} | Σ net_amount of its lines. | not_null
-- column is_guest BOOLEAN | Whether the order has no customer. | not_null
-- column order_number INTEGER | The customer's n-th order (1 = first); NULL for a guest order. |
-- column is_first_order BOOLEAN | order_number = 1; NULL for a guest order. |
-- column days_since_previous_order INTEGER | Days since the customer's previous order; NULL for a first or guest order. |
SELECT
    f.order_id,
    f.customer_id,
    f.order_date,
    f.ordered_at,
    f.status,
    f.channel,
    f.payment_method,
    f.shipping_city,
    f.shipping_state,
    f.shipping_country,
    f.shipped_date,
    f.delivered_date,
    t.line_count,
    t.items,
    t.gross_revenue,
    t.returned_amount,
    t.net_revenue,
    f.is_guest,
    h.order_number,
    h.is_first_order,
    h.days_since_previous_order
FROM (
    SELECT l.*
    FROM ${intermediate:int_order_lines} l
    JOIN (
        SELECT order_id, MIN(line_no) AS line_no
        FROM ${intermediate:int_order_lines}
        WHERE is_valid_sale = TRUE AND {{incremental_window(order_date)}}
        GROUP BY order_id
    ) first_line ON first_line.order_id = l.order_id AND first_line.line_no = l.line_no
) f
JOIN (
    SELECT
        order_id,
        SUM(CASE WHEN is_valid_sale = TRUE THEN 1 ELSE 0 END) AS line_count,
        SUM(CASE WHEN is_valid_sale = TRUE THEN quantity ELSE 0 END) AS items,
        SUM(gross_amount) AS gross_revenue,
        SUM(returned_amount) AS returned_amount,
        SUM(net_amount) AS net_revenue
    FROM ${intermediate:int_order_lines}
    WHERE unit_price > 0 AND quantity <> 0 AND {{incremental_window(order_date)}}
    GROUP BY order_id
) t ON t.order_id = f.order_id
LEFT JOIN ${intermediate:int_customer_orders} h ON h.order_id = f.order_id
