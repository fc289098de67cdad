-- test: order_lines_reconcile_with_staging
-- model: fct_order_lines
-- severity: error
-- description: Gross revenue in fct_order_lines equals Σ quantity × unit_price over the valid sale lines of
--    stg_orders, day by day. Fails with one row per day that differs, giving the difference.
SELECT order_date, SUM(amount) AS difference
FROM (
    SELECT order_date, gross_amount AS amount FROM ${marts:fct_order_lines}
    UNION ALL
    SELECT order_date, -line_amount FROM ${staging:stg_orders} WHERE is_valid_sale = TRUE
) x
GROUP BY order_date
HAVING SUM(amount) <> 0
