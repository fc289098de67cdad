-- model: fct_sessions
-- layer: marts
-- materialized: incremental
-- unique_key: session_key
-- index: user_id
-- partition: month(session_date)
-- incremental: session_date lookback 3 days
-- description: One row per session: a user's run of clickstream events with no gap longer than 30 minutes (1,800
--    s). Counts of each event type, the channel and device of its first event, and whether it bounced (one event)
--    or bought.
-- column session_key VARCHAR(80) | user_id#session_number. | not_null, unique
-- column user_id VARCHAR(64) | The user. | not_null
-- column session_number INTEGER | The user's n-th session. | not_null
-- column session_start ${type:timestamp} | Time of its first event (UTC). | not_null
-- column session_end ${type:timestamp} | Time of its last event (UTC). | not_null
-- column session_date DATE | Business day of its first event. | not_null
-- column session_end_date DATE | Business day of its last event: the user has events on every business day from session_date to session_end_date (a session has no gap over 30 minutes). | not_null
-- column previous_end_date DATE | session_end_date of the user's previous session (NULL for a first session): with it, active users over days and rolling windows need no pass per user over the events. |
-- column duration_seconds BIGINT | session_end − session_start in seconds. | not_null
-- column event_count INTEGER | Events. | not_null
-- column page_views INTEGER | page_view events. | not_null
-- column searches INTEGER | search events. | not_null
-- column product_views INTEGER | product_view events. | not_null
-- column add_to_carts INTEGER | add_to_cart events. | not_null
-- column remove_from_carts INTEGER | remove_from_cart events. | not_null
-- column checkouts INTEGER | checkout events. | not_null
-- column purchases INTEGER | purchase events. | not_null
-- column channel VARCHAR(32) | Marketing channel of the first event. |
-- column device VARCHAR(16) | Device of the first event. |
-- column is_bounce BOOLEAN | A session of one event. | not_null
-- column has_purchase BOOLEAN | At least one purchase event. | not_null
SELECT
    session_key,
    user_id,
    session_number,
    session_start,
    session_end,
    session_date,
    session_end_date,
    previous_end_date,
    duration_seconds,
    event_count,
    page_views,
    searches,
    product_views,
    add_to_carts,
    remove_from_carts,
    checkouts,
    purchases,
    channel,
    device,
    CASE WHEN event_count = 1 THEN TRUE ELSE FALSE END AS is_bounce,
    CASE WHEN purchases > 0 THEN TRUE ELSE FALSE END AS has_purchase
FROM ${intermediate:int_sessions}
WHERE {{incremental_window(session_date)}}
