-- Revenue per {{group_columns}} of every money-moving line in the range (fct_order_lines: valid sales,
-- returns and cancellations), with the product's category as it was when the line was built.
SELECT {{group_columns}}, SUM(orders_flag) AS total_orders, SUM(units) AS total_units, SUM(gross_amount) AS total_gross,
    SUM(net_amount) AS total_net
FROM (
    SELECT COALESCE(category, '(unknown)') AS category, COALESCE(subcategory, '(unknown)') AS subcategory,
        CASE WHEN is_valid_sale = TRUE THEN quantity ELSE 0 END AS units, gross_amount, net_amount,
        0 AS orders_flag
    FROM ${marts:fct_order_lines}
    WHERE order_date BETWEEN :from AND :to
    UNION ALL
    SELECT category, subcategory, 0, 0, 0, COUNT(*)
    FROM (
        SELECT DISTINCT COALESCE(category, '(unknown)') AS category, {{order_subcategory}} AS subcategory, order_id
        FROM ${marts:fct_order_lines}
        WHERE is_valid_sale = TRUE AND order_date BETWEEN :from AND :to
    ) o
    GROUP BY category, subcategory
) l
GROUP BY {{group_columns}}
