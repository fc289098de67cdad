-- model: int_order_lines
-- layer: intermediate
-- materialized: table
-- unique_key: order_id, line_no
-- description: Every staged order line enriched with its product (title, category) and its customer (home city,
--    state, country, acquisition channel), with the line's revenue split by the shared definitions: gross for valid
--    sale lines, returned for valid lines of returned orders, cancelled for cancellation lines, net = gross −
--    returned − cancelled.
-- column order_id VARCHAR(64) | The order id. | not_null
-- column line_no INTEGER | The line's number within its order. | not_null
-- column customer_id VARCHAR(64) | The buying customer; NULL for a guest order. |
-- column is_guest BOOLEAN | Whether the order has no customer. | not_null
-- column order_date DATE | Business day of the order. | not_null
-- column ordered_at ${type:timestamp} | When the order was placed (UTC). |
-- column product_id VARCHAR(64) | The product. | not_null
-- column product_title VARCHAR(500) | The product's title; NULL when the product is not in the catalogue. |
-- column category VARCHAR(100) | The product's category; NULL when unknown. |
-- column subcategory VARCHAR(100) | The product's subcategory; NULL when unknown. |
-- column quantity INTEGER | Units; negative on a cancellation line. | not_null
-- column unit_price ${type:money} | Price per unit. | not_null
-- column line_amount ${type:money} | quantity × unit_price. | not_null
-- column status VARCHAR(16) | Fulfilment status. | not_null
-- column channel VARCHAR(32) | Marketing channel of the order. |
-- column payment_method VARCHAR(32) | How it was paid. |
-- column shipping_city VARCHAR(100) | City shipped to. |
-- column shipping_state VARCHAR(100) | State shipped to. |
-- column shipping_country VARCHAR(100) | Country shipped to. |
-- column shipped_date DATE | Day shipped. |
-- column delivered_date DATE | Day delivered. |
-- column customer_city VARCHAR(100) | The customer's current home city. |
-- column customer_state VARCHAR(100) | The customer's current home state. |
-- column customer_country VARCHAR(100) | The customer's home country. |
-- column acquisition_channel VARCHAR(32) | The customer's acquisition channel. |
-- column is_valid_sale BOOLEAN | quantity > 0, unit_price > 0, status not cancelled. | not_null
-- column is_cancellation BOOLEAN | quantity < 0. | not_null
-- column is_return BOOLEAN | A valid sale line whose status is returned. | not_null
-- column gross_amount ${type:money} | line_amount on valid sale lines, else 0. | not_null
-- column returned_amount ${type:money} | line_amount on returned valid sale lines, else 0. | not_null
-- column cancelled_amount ${type:money} | −line_amount on cancellation lines with a positive price, else 0. | not_null
-- column net_amount ${type:money} | gross_amount − returned_amount − cancelled_amount. | not_null
-- test: unique(order_id, line_no)
SELECT
    o.order_id,
    o.line_no,
    o.customer_id,
    CASE WHEN o.customer_id IS NULL THEN TRUE ELSE FALSE END AS is_guest,
    o.order_date,
    o.ordered_at,
    o.product_id,
    p.title AS product_title,
    p.category,
    p.subcategory,
    o.quantity,
    o.unit_price,
    o.line_amount,
    o.status,
    o.channel,
    o.payment_method,
    o.shipping_city,
    o.shipping_state,
    o.shipping_country,
    o.shipped_date,
    o.delivered_date,
    c.city AS customer_city,
    c.state AS customer_state,
    c.country AS customer_country,
    c.acquisition_channel,
    o.is_valid_sale,
    o.is_cancellation,
    o.is_return,
    CASE WHEN o.is_valid_sale = TRUE THEN o.line_amount ELSE 0 END AS gross_amount,
    CASE WHEN o.is_return = TRUE THEN o.line_amount ELSE 0 END AS returned_amount,
    CASE WHEN o.is_cancellation = TRUE AND o.unit_price > 0 THEN -o.line_amount ELSE 0 END AS cancelled_amount,
    CASE WHEN o.is_valid_sale = TRUE THEN o.line_amount ELSE 0 END
        - CASE WHEN o.is_return = TRUE THEN o.line_amount ELSE 0 END
        - CASE WHEN o.is_cancellation = TRUE AND o.unit_price > 0 THEN -o.line_amount ELSE 0 END AS net_amount
FROM ${staging:stg_orders} o
LEFT JOIN ${staging:stg_products} p ON p.product_id = o.product_id
LEFT JOIN ${staging:stg_customers} c ON c.customer_id = o.customer_id
