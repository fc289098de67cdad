-- model: dim_products
-- layer: marts
-- materialized: table
-- unique_key: product_id
-- description: One row per product of the catalogue with its lifetime sales (valid sale lines of fct_order_lines)
--    and clickstream interest (int_product_activity).
-- column product_id VARCHAR(64) | The product. | not_null, unique
-- column title VARCHAR(500) | Title. | not_null
-- column author VARCHAR(200) | Author. |
-- column category VARCHAR(100) | Category. | not_null
-- column subcategory VARCHAR(100) | Subcategory. |
-- column price ${type:money} | Current list price. | not_null
-- column rating DECIMAL(3,1) | Average rating; NULL when unrated. |
-- column stock INTEGER | Units in stock. |
-- column units_sold BIGINT | Units on valid sale lines. | not_null
-- column orders BIGINT | Orders with a valid sale line of the product. | not_null
-- column gross_revenue ${type:money} | Gross revenue of its valid sale lines. | not_null
-- column first_sold_date DATE | Day of its first valid sale; NULL when never sold. |
-- column last_sold_date DATE | Day of its last valid sale; NULL when never sold. |
-- column product_views BIGINT | product_view events. | not_null
-- column add_to_carts BIGINT | add_to_cart events. | not_null
SELECT
    p.product_id,
    p.title,
    p.author,
    p.category,
    p.subcategory,
    p.price,
    p.rating,
    p.stock,
    COALESCE(s.units_sold, 0) AS units_sold,
    COALESCE(s.orders, 0) AS orders,
    COALESCE(s.gross_revenue, 0) AS gross_revenue,
    s.first_sold_date,
    s.last_sold_date,
    COALESCE(a.product_views, 0) AS product_views,
    COALESCE(a.add_to_carts, 0) AS add_to_carts
FROM ${staging:stg_products} p
LEFT JOIN (
    SELECT product_id, SUM(quantity) AS units_sold, COUNT(DISTINCT order_id) AS orders,
        SUM(gross_amount) AS gross_revenue, MIN(order_date) AS first_sold_date, MAX(order_date) AS last_sold_date
    FROM ${marts:fct_order_lines}
    WHERE is_valid_sale = TRUE
    GROUP BY product_id
) s ON s.product_id = p.product_id
LEFT JOIN (
    SELECT product_id, SUM(product_views) AS product_views, SUM(add_to_carts) AS add_to_carts
    FROM ${intermediate:int_product_activity}
    GROUP BY product_id
) a ON a.product_id = p.product_id
