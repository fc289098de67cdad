-- product_stock: each product's category and units in stock (NULL stock counts as 0).
SELECT product_id, category, COALESCE(stock, 0) AS stock
FROM ${marts:dim_products}
