-- interactions_with_events: per customer and product, the interaction strength dated in (:from_day, :to_day] that
-- ALS is fitted on when events are weighted in: the orders (distinct order ids with a valid sale line of the
-- product) + :view_weight × the product views + :cart_weight × the add-to-carts of the signed-in user with that id
-- (fct_events, whose user_id is the customer id). Only (customer, product, count) rows leave the database.
WITH cells AS (
    SELECT customer_id, product_id, COUNT(DISTINCT order_id) AS orders, 0 AS views, 0 AS carts
    FROM ${marts:fct_order_lines}
    WHERE is_valid_sale = TRUE AND customer_id IS NOT NULL AND order_date > :from_day AND order_date <= :to_day
    GROUP BY customer_id, product_id
    UNION ALL
    SELECT user_id AS customer_id, product_id, 0 AS orders,
           SUM(CASE WHEN event_type = 'product_view' THEN 1 ELSE 0 END) AS views,
           SUM(CASE WHEN event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS carts
    FROM ${marts:fct_events}
    WHERE event_type IN ('product_view', 'add_to_cart') AND product_id IS NOT NULL
      AND event_date > :from_day AND event_date <= :to_day
    GROUP BY user_id, product_id
)
SELECT customer_id, product_id, SUM(orders) AS orders, SUM(views) AS views, SUM(carts) AS carts,
       SUM(orders) + :view_weight * SUM(views) + :cart_weight * SUM(carts) AS strength
FROM cells
GROUP BY customer_id, product_id
