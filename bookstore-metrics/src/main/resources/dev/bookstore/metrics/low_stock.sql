-- Products whose stock is under :stock_below, or whose days of cover (stock ÷ daily units sold over the
-- :velocity_days days ending :as_of) is under :cover_below — written stock × days < cover × units, exactly.
SELECT p.product_id, p.title, p.category, p.stock, COALESCE(s.units, 0)
FROM ${marts:dim_products} p
LEFT JOIN (
    SELECT product_id, SUM(quantity) AS units
    FROM ${marts:fct_order_lines}
    WHERE is_valid_sale = TRUE AND order_date > {{add_days(:as_of, :minus_days)}} AND order_date <= :as_of
    GROUP BY product_id
) s ON s.product_id = p.product_id
WHERE p.stock < :stock_below
    OR (COALESCE(s.units, 0) > 0 AND p.stock * :velocity_days < :cover_below * COALESCE(s.units, 0))
