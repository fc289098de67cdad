-- model: stg_orders
-- layer: staging
-- materialized: table
-- unique_key: order_id, line_no
-- description: One row per order line of raw.orders, deduplicated on (order_id, line_no), codes trimmed and in
--    lower case ('canceled' spelled 'cancelled'), with the revenue flags every later model uses. A valid sale line
--    has quantity > 0, unit_price > 0 and a status other than cancelled.
-- column order_id VARCHAR(64) | The order (invoice) id; Online Retail cancellation invoices start with C. | not_null
-- column line_no INTEGER | The line's number within its order, in source order. | not_null
-- column customer_id VARCHAR(64) | The buying customer; NULL for a guest order. |
-- column order_date DATE | Business day of the order in the reporting zone. | not_null
-- column ordered_at ${type:timestamp} | When the order was placed (UTC); NULL when the source has no time. |
-- column product_id VARCHAR(64) | The product bought. | not_null
-- column quantity INTEGER | Units; negative on a cancellation line. | not_null
-- column unit_price ${type:money} | Price per unit. | not_null
-- column line_amount ${type:money} | quantity × unit_price (negative on a cancellation line). | not_null
-- column payment_method VARCHAR(32) | How it was paid, lower case. |
-- column status VARCHAR(16) | Fulfilment status of the order. | not_null, accepted_values(delivered, shipped, pending, cancelled, returned)
-- column channel VARCHAR(32) | Marketing channel of the order, lower case. |
-- column shipping_city VARCHAR(100) | City shipped to. |
-- column shipping_state VARCHAR(100) | State or region shipped to. |
-- column shipping_country VARCHAR(100) | Country shipped to. |
-- column shipped_date DATE | Day it was shipped, if it was. |
-- column delivered_date DATE | Day it was delivered, if it was. |
-- column is_valid_sale BOOLEAN | quantity > 0, unit_price > 0 and status not cancelled: the lines revenue counts. | not_null
-- column is_cancellation BOOLEAN | quantity < 0: an Online Retail cancellation line. | not_null
-- column is_return BOOLEAN | A valid sale line whose status is returned. | not_null
-- test: unique(order_id, line_no)
SELECT
    order_id,
    line_no,
    customer_id,
    order_date,
    ordered_at,
    product_id,
    quantity,
    unit_price,
    quantity * unit_price AS line_amount,
    payment_method,
    status,
    channel,
    shipping_city,
    shipping_state,
    shipping_country,
    shipped_date,
    delivered_date,
    CASE WHEN quantity > 0 AND unit_price > 0 AND status <> 'cancelled' THEN TRUE ELSE FALSE END AS is_valid_sale,
    CASE WHEN quantity < 0 THEN TRUE ELSE FALSE END AS is_cancellation,
    CASE WHEN quantity > 0 AND unit_price > 0 AND status = 'returned' THEN TRUE ELSE FALSE END AS is_return
FROM (
    SELECT
        TRIM(order_id) AS order_id,
        line_no,
        TRIM(customer_id) AS customer_id,
        order_date,
        ordered_at,
        TRIM(product_id) AS product_id,
        quantity,
        unit_price,
        LOWER(TRIM(payment_method)) AS payment_method,
        CASE WHEN LOWER(TRIM(status)) = 'canceled' THEN 'cancelled' ELSE LOWER(TRIM(status)) END AS status,
        LOWER(TRIM(channel)) AS channel,
        TRIM(shipping_city) AS shipping_city,
        TRIM(shipping_state) AS shipping_state,
        TRIM(shipping_country) AS shipping_country,
        shipped_date,
        delivered_date,
        ROW_NUMBER() OVER (PARTITION BY order_id, line_no ORDER BY load_id, source_name, source_line) AS copy_number
    FROM ${raw:orders}
) o
WHERE copy_number = 1
