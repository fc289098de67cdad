-- Products whose stock is under :stock_below, or whose days of cover (stock ÷ daily units sold over the
-- :velocity_days days ending :as_of) is under :cover_below — written stock × days < cover × units, exactly.
-- The catalogue and the recent sales are unioned and grouped (no join).
SELECT product_id, MAX(title) AS product_title, MAX(category) AS product_category, MAX(stock) AS stock_level,
    SUM(units) AS units_sold
FROM (
    SELECT product_id, title, category, stock, 0 AS units, 1 AS is_product
    FROM ${marts:dim_products}
    UNION ALL
    SELECT product_id, NULL, NULL, NULL, quantity, 0
    FROM ${marts:fct_order_lines}
    WHERE is_valid_sale = TRUE AND order_date > {{add_days(:as_of, :minus_days)}} AND order_date <= :as_of
) u
GROUP BY product_id
HAVING MAX(is_product) = 1
    AND (MAX(stock) < :stock_below OR (SUM(units) > 0 AND MAX(stock) * :velocity_days < :cover_below * SUM(units)))
