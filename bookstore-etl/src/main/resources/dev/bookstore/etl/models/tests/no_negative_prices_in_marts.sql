-- test: no_negative_prices_in_marts
-- model: fct_order_lines
-- severity: error
-- description: No price or revenue in the marts is negative: unit prices and gross amounts of fct_order_lines,
--    prices and revenue of dim_products, gross revenue of fct_orders and fct_daily_revenue. One failing row per
--    offending mart row.
SELECT 'fct_order_lines' AS mart, order_id AS row_key FROM ${marts:fct_order_lines}
WHERE unit_price < 0 OR gross_amount < 0 OR returned_amount < 0 OR cancelled_amount < 0
UNION ALL
SELECT 'dim_products', product_id FROM ${marts:dim_products} WHERE price < 0 OR gross_revenue < 0
UNION ALL
SELECT 'fct_orders', order_id FROM ${marts:fct_orders} WHERE gross_revenue < 0 OR returned_amount < 0
UNION ALL
SELECT 'fct_daily_revenue', CONCAT('', {{text(order_date)}}) FROM ${marts:fct_daily_revenue} WHERE gross_revenue < 0
