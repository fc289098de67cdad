-- model: fct_events
-- layer: marts
-- materialized: incremental
-- unique_key: event_key
-- partition: month(event_date)
-- incremental: event_date lookback 3 days
-- description: One row per clickstream event (exact copies kept once) with the session it belongs to (30 minutes
--    of inactivity end a session; see fct_sessions) and its place in it, and the category of the product it is
--    about: the event-level fact for funnels in time order, search terms and product paths.
-- column event_key VARCHAR(64) | SHA-256 (hex) of the event's fields: identifies the event. | not_null, unique
-- column session_key VARCHAR(80) | The session: user_id#session_number. | not_null, relationships(fct_sessions.session_key)
-- column user_id VARCHAR(64) | The user (a customer id for signed-in users). | not_null
-- column session_number INTEGER | The user's n-th session. | not_null
-- column event_in_session INTEGER | 1 for the session's first event, 2 for the second, ... | not_null
-- column event_type VARCHAR(20) | What happened. | not_null, accepted_values(page_view, search, product_view, add_to_cart, remove_from_cart, checkout, purchase)
-- column event_time ${type:timestamp} | When (UTC). | not_null
-- column event_date DATE | Business day of the event in the reporting zone. | not_null
-- column page VARCHAR(500) | Page viewed (page_view). |
-- column search_query VARCHAR(500) | Search text (search). |
-- column product_id VARCHAR(64) | Product concerned (product_view, cart, purchase). |
-- column category VARCHAR(100) | The product's category; NULL without a product or for an unknown one. |
-- column channel VARCHAR(32) | Marketing channel of the visit. |
-- column device VARCHAR(16) | Device class. |
SELECT
    e.event_key,
    e.session_key,
    e.user_id,
    e.session_number,
    e.event_in_session,
    e.event_type,
    e.event_time,
    e.event_date,
    e.page,
    e.search_query,
    e.product_id,
    p.category,
    e.channel,
    e.device
FROM ${intermediate:int_session_events} e
LEFT JOIN ${staging:stg_products} p ON p.product_id = e.product_id
WHERE {{incremental_window(e.event_date)}}
