-- test: order_lines_sum_to_order_total
-- model: fct_orders
-- severity: error
-- description: Every order's lines in fct_order_lines sum to its totals in fct_orders (gross revenue, net revenue,
--    items), and every order has lines. One failing row per order that does not add up.
SELECT o.order_id
FROM ${marts:fct_orders} o
LEFT JOIN (
    SELECT order_id, SUM(gross_amount) AS gross, SUM(net_amount) AS net,
        SUM(CASE WHEN is_valid_sale = TRUE THEN quantity ELSE 0 END) AS items
    FROM ${marts:fct_order_lines}
    GROUP BY order_id
) l ON l.order_id = o.order_id
WHERE l.order_id IS NULL OR l.gross <> o.gross_revenue OR l.net <> o.net_revenue OR l.items <> o.items
