-- customer_features: one row per registered customer with at least one order on or before the as-of day
-- (schema customer_v2). Point in time: only orders, order lines and sessions dated on or before :as_of are read;
-- nothing later leaks in (an order's place in the customer's history only depends on earlier orders).
-- Parameters: :as_of, :as_of_minus_30 and :as_of_minus_90 (days). {{and_customer(COLUMN)}} is empty for the whole
-- table, or "AND COLUMN = :customer_id" for one customer, so that scoring one customer reads only its rows.
WITH orders AS (
    SELECT
        customer_id,
        COUNT(*) AS frequency,
        SUM(gross_revenue) AS monetary,
        MAX(order_date) AS last_order_date,
        SUM(CASE WHEN order_number > 1 THEN days_since_previous_order ELSE 0 END) AS gap_days,
        SUM(CASE WHEN order_number > 1 THEN 1 ELSE 0 END) AS gaps,
        MAX(order_number) AS last_order_number,
        SUM(CASE WHEN order_date > :as_of_minus_30 THEN 1 ELSE 0 END) AS orders_30d,
        SUM(CASE WHEN order_date > :as_of_minus_90 THEN 1 ELSE 0 END) AS orders_90d,
        SUM(CASE WHEN order_date > :as_of_minus_90 THEN gross_revenue ELSE 0 END) AS revenue_90d
    FROM ${marts:fct_orders}
    WHERE customer_id IS NOT NULL AND order_date <= :as_of {{and_customer(customer_id)}}
    GROUP BY customer_id
),
last_gap AS (
    -- the gap before the customer's latest order on or before the as-of day (its previous order is earlier still)
    SELECT f.customer_id, MAX(f.days_since_previous_order) AS last_gap_days
    FROM ${marts:fct_orders} f
    JOIN orders o ON o.customer_id = f.customer_id AND f.order_number = o.last_order_number
    WHERE f.order_date <= :as_of AND f.order_number > 1
    GROUP BY f.customer_id
),
category_spend AS (
    SELECT customer_id, category, SUM(gross_amount) AS spend
    FROM ${marts:fct_order_lines}
    WHERE customer_id IS NOT NULL AND is_valid_sale = TRUE AND category IS NOT NULL AND order_date <= :as_of
        {{and_customer(customer_id)}}
    GROUP BY customer_id, category
),
categories AS (
    SELECT customer_id, COUNT(*) AS distinct_categories, MAX(spend) AS top_category_spend, SUM(spend) AS spend
    FROM category_spend
    GROUP BY customer_id
),
sessions AS (
    SELECT
        user_id,
        SUM(CASE WHEN session_date > :as_of_minus_30 THEN 1 ELSE 0 END) AS sessions_30d,
        COUNT(*) AS sessions_90d,
        SUM(CASE WHEN session_date > :as_of_minus_30 AND add_to_carts > 0 AND purchases = 0 THEN 1 ELSE 0 END)
            AS abandoned_30d,
        SUM(CASE WHEN add_to_carts > 0 AND purchases = 0 THEN 1 ELSE 0 END) AS abandoned_90d
    FROM ${marts:fct_sessions}
    WHERE session_date <= :as_of AND session_date > :as_of_minus_90 {{and_customer(user_id)}}
    GROUP BY user_id
)
SELECT
    c.customer_id,
    c.acquisition_channel,
    {{days_between(c.registration_date, CAST(:as_of AS DATE))}} AS tenure_days,
    {{days_between(o.last_order_date, CAST(:as_of AS DATE))}} AS recency_days,
    o.frequency,
    o.monetary,
    o.gap_days,
    o.gaps,
    COALESCE(g.last_gap_days, 0) AS last_gap_days,
    COALESCE(k.distinct_categories, 0) AS distinct_categories,
    COALESCE(k.top_category_spend, 0) AS top_category_spend,
    COALESCE(k.spend, 0) AS category_spend,
    o.orders_30d,
    o.orders_90d,
    o.revenue_90d,
    COALESCE(s.sessions_30d, 0) AS sessions_30d,
    COALESCE(s.sessions_90d, 0) AS sessions_90d,
    COALESCE(s.abandoned_30d, 0) AS abandoned_30d,
    COALESCE(s.abandoned_90d, 0) AS abandoned_90d
FROM ${marts:dim_customers} c
JOIN orders o ON o.customer_id = c.customer_id
LEFT JOIN last_gap g ON g.customer_id = c.customer_id
LEFT JOIN categories k ON k.customer_id = c.customer_id
LEFT JOIN sessions s ON s.user_id = c.customer_id
WHERE c.is_current = TRUE AND c.registration_date <= :as_of {{and_customer(c.customer_id)}}
