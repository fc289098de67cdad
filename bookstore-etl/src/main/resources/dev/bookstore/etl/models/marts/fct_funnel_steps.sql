-- model: fct_funnel_steps
-- layer: marts
-- materialized: incremental
-- unique_key: session_key
-- incremental: session_date lookback 3 days
-- description: One row per session saying which steps of the shopping funnel it reached (product_view →
--    add_to_cart → checkout → purchase, plus page_view and search) as 0/1 flags that can be summed, when it first
--    reached each of the four funnel steps, and the furthest step reached in funnel order.
-- column session_key VARCHAR(80) | The session (see fct_sessions). | not_null, unique, relationships(fct_sessions.session_key)
-- column user_id VARCHAR(64) | The user. | not_null
-- column session_date DATE | Business day of the session's first event. | not_null
-- column channel VARCHAR(32) | Marketing channel of the session. |
-- column device VARCHAR(16) | Device of the session. |
-- column reached_page_view INTEGER | 1 when the session has a page_view, else 0. | not_null, accepted_values(0, 1)
-- column reached_search INTEGER | 1 when it has a search, else 0. | not_null, accepted_values(0, 1)
-- column reached_product_view INTEGER | 1 when it has a product_view, else 0. | not_null, accepted_values(0, 1)
-- column reached_add_to_cart INTEGER | 1 when it has an add_to_cart, else 0. | not_null, accepted_values(0, 1)
-- column reached_checkout INTEGER | 1 when it has a checkout, else 0. | not_null, accepted_values(0, 1)
-- column reached_purchase INTEGER | 1 when it has a purchase, else 0. | not_null, accepted_values(0, 1)
-- column first_product_view_at ${type:timestamp} | Time of its first product_view (UTC); NULL when none. |
-- column first_add_to_cart_at ${type:timestamp} | Time of its first add_to_cart; NULL when none. |
-- column first_checkout_at ${type:timestamp} | Time of its first checkout; NULL when none. |
-- column first_purchase_at ${type:timestamp} | Time of its first purchase; NULL when none. |
-- column furthest_step_number INTEGER | 4 purchase, 3 checkout, 2 add_to_cart, 1 product_view, 0 none of them. | not_null
-- column furthest_step VARCHAR(16) | purchase, checkout, add_to_cart, product_view or none. | not_null, accepted_values(purchase, checkout, add_to_cart, product_view, none)
SELECT
    session_key,
    user_id,
    session_date,
    channel,
    device,
    reached_page_view,
    reached_search,
    reached_product_view,
    reached_add_to_cart,
    reached_checkout,
    reached_purchase,
    first_product_view_at,
    first_add_to_cart_at,
    first_checkout_at,
    first_purchase_at,
    CASE WHEN reached_purchase = 1 THEN 4 WHEN reached_checkout = 1 THEN 3 WHEN reached_add_to_cart = 1 THEN 2
        WHEN reached_product_view = 1 THEN 1 ELSE 0 END AS furthest_step_number,
    CASE WHEN reached_purchase = 1 THEN 'purchase' WHEN reached_checkout = 1 THEN 'checkout'
        WHEN reached_add_to_cart = 1 THEN 'add_to_cart' WHEN reached_product_view = 1 THEN 'product_view'
        ELSE 'none' END AS furthest_step
FROM (
    SELECT
        s.session_key,
        s.user_id,
        s.session_date,
        s.channel,
        s.device,
        MAX(CASE WHEN e.event_type = 'page_view' THEN 1 ELSE 0 END) AS reached_page_view,
        MAX(CASE WHEN e.event_type = 'search' THEN 1 ELSE 0 END) AS reached_search,
        MAX(CASE WHEN e.event_type = 'product_view' THEN 1 ELSE 0 END) AS reached_product_view,
        MAX(CASE WHEN e.event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS reached_add_to_cart,
        MAX(CASE WHEN e.event_type = 'checkout' THEN 1 ELSE 0 END) AS reached_checkout,
        MAX(CASE WHEN e.event_type = 'purchase' THEN 1 ELSE 0 END) AS reached_purchase,
        MIN(CASE WHEN e.event_type = 'product_view' THEN e.event_time END) AS first_product_view_at,
        MIN(CASE WHEN e.event_type = 'add_to_cart' THEN e.event_time END) AS first_add_to_cart_at,
        MIN(CASE WHEN e.event_type = 'checkout' THEN e.event_time END) AS first_checkout_at,
        MIN(CASE WHEN e.event_type = 'purchase' THEN e.event_time END) AS first_purchase_at
    FROM ${intermediate:int_sessions} s
    JOIN ${intermediate:int_session_events} e ON e.session_key = s.session_key
    WHERE {{incremental_window(s.session_date)}}
    GROUP BY s.session_key, s.user_id, s.session_date, s.channel, s.device
) f
