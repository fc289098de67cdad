-- model: stg_products
-- layer: staging
-- materialized: view
-- unique_key: product_id
-- description: One row per product of raw.products (the book catalogue, or Online Retail stock codes), text
--    trimmed.
-- column product_id VARCHAR(64) | The product's id (e.g. BOOK_42). | not_null, unique
-- column title VARCHAR(500) | Title. | not_null
-- column author VARCHAR(200) | Author. |
-- column category VARCHAR(100) | Category (e.g. Fiction). | not_null
-- column subcategory VARCHAR(100) | Subcategory (e.g. Fantasy). |
-- column price ${type:money} | Current list price. | not_null
-- column rating DECIMAL(3,1) | Average rating 0–5; NULL when unrated. |
-- column stock INTEGER | Units in stock. |
SELECT
    product_id,
    TRIM(title) AS title,
    TRIM(author) AS author,
    TRIM(category) AS category,
    TRIM(subcategory) AS subcategory,
    price,
    rating,
    stock
FROM ${raw:products}
