-- The products with the most {{rank_by}} on valid sale lines in the range; ties by the other measure, then id.
SELECT s.product_id, p.title, p.category, p.subcategory, s.units, s.orders, s.gross
FROM (
    SELECT product_id, SUM(quantity) AS units, COUNT(DISTINCT order_id) AS orders, SUM(gross_amount) AS gross
    FROM ${marts:fct_order_lines}
    WHERE is_valid_sale = TRUE AND order_date BETWEEN :from AND :to
    GROUP BY product_id
) s
LEFT JOIN ${marts:dim_products} p ON p.product_id = s.product_id
ORDER BY {{rank_by}} DESC, {{then_by}} DESC, s.product_id
LIMIT {{limit}}
