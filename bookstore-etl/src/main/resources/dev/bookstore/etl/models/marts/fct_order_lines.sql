-- model: fct_order_lines
-- layer: marts
-- materialized: incremental
-- unique_key: order_id, line_no
-- index: customer_id
-- partition: month(order_date)
-- incremental: order_date lookback 3 days
-- description: One row per order line that moves money: every staged line with unit_price > 0 and quantity <> 0
--    (valid sales, returned sales, cancellation lines, and lines of cancelled orders, which count 0). Revenue
--    columns follow the shared definitions: sum gross_amount for gross revenue and net_amount for net revenue.
--    category and subcategory are the product's when the line was built.
-- column order_id VARCHAR(64) | The order (invoice) id. | not_null
-- column line_no INTEGER | The line's number within its order. | not_null
-- column order_date DATE | Business day of the order. | not_null
-- column ordered_at ${type:timestamp} | When the order was placed (UTC). |
-- column customer_id VARCHAR(64) | The buying customer; NULL for a guest order. |
-- column product_id VARCHAR(64) | The product. | not_null, relationships(dim_products.product_id) warn
-- column category VARCHAR(100) | The product's category; NULL when unknown. |
-- column subcategory VARCHAR(100) | The product's subcategory; NULL when unknown. |
-- column quantity INTEGER | Units; negative on a cancellation line. | not_null
-- column unit_price ${type:money} | Price per unit (always > 0 here). | not_null
-- column status VARCHAR(16) | Fulfilment status. | not_null, accepted_values(delivered, shipped, pending, cancelled, returned)
-- column channel VARCHAR(32) | Marketing channel of the order. |
-- column payment_method VARCHAR(32) | How it was paid. |
-- column is_valid_sale BOOLEAN | quantity > 0, unit_price > 0, status not cancelled. | not_null
-- column is_cancellation BOOLEAN | quantity < 0. | not_null
-- column is_return BOOLEAN | A valid sale line whose status is returned. | not_null
-- column gross_amount ${type:money} | quantity × unit_price on valid sale lines, else 0. | not_null
-- column returned_amount ${type:money} | gross_amount of returned lines, else 0. | not_null
-- column cancelled_amount ${type:money} | −quantity × unit_price on cancellation lines (quantity < 0), else 0. | not_null
-- column net_amount ${type:money} | gross_amount − returned_amount − cancelled_amount. | not_null
-- test: unique(order_id, line_no)
SELECT
    order_id,
    line_no,
    order_date,
    ordered_at,
    customer_id,
    product_id,
    category,
    subcategory,
    quantity,
    unit_price,
    status,
    channel,
    payment_method,
    is_valid_sale,
    is_cancellation,
    is_return,
    gross_amount,
    returned_amount,
    cancelled_amount,
    net_amount
FROM ${intermediate:int_order_lines}
WHERE unit_price > 0 AND quantity <> 0 AND {{incremental_window(order_date)}}
