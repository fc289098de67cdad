-- catalogue: every product of the catalogue with its category and current stock, in product id order.
SELECT product_id, category, stock
FROM ${marts:dim_products}
ORDER BY product_id
