-- customers: every customer id, once: the registered customers (dim_customers, whatever their number of versions)
-- and the buyers of order lines without a customer record (an Online Retail file brings no customer file), in id
-- order.
SELECT customer_id FROM ${marts:dim_customers}
UNION
SELECT customer_id FROM ${marts:fct_order_lines} WHERE customer_id IS NOT NULL
ORDER BY customer_id
