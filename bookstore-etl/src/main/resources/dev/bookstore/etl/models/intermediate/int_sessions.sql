-- model: int_sessions
-- layer: intermediate
-- materialized: table
-- unique_key: session_key
-- description: One row per session (30 minutes of inactivity end a session; see int_session_events): its bounds,
--    size, the events of each type, and the channel, device and source session id of its first event.
-- column session_key VARCHAR(80) | user_id#session_number. | not_null, unique
-- column user_id VARCHAR(64) | The user. | not_null
-- column session_number INTEGER | The user's n-th session. | not_null
-- column session_start ${type:timestamp} | Time of its first event (UTC). | not_null
-- column session_end ${type:timestamp} | Time of its last event (UTC). | not_null
-- column session_date DATE | Business day of its first event. | not_null
-- column session_end_date DATE | Business day of its last event (the user has events on every day from session_date to it: sessions have no gap over 30 minutes). | not_null
-- column previous_end_date DATE | session_end_date of the user's previous session; NULL for a first session. |
-- column duration_seconds BIGINT | session_end − session_start in seconds (0 for one event). | not_null
-- column event_count INTEGER | Events in the session. | not_null
-- column page_views INTEGER | page_view events. | not_null
-- column searches INTEGER | search events. | not_null
-- column product_views INTEGER | product_view events. | not_null
-- column add_to_carts INTEGER | add_to_cart events. | not_null
-- column remove_from_carts INTEGER | remove_from_cart events. | not_null
-- column checkouts INTEGER | checkout events. | not_null
-- column purchases INTEGER | purchase events. | not_null
-- column channel VARCHAR(32) | Marketing channel of the first event. |
-- column device VARCHAR(16) | Device of the first event. |
-- column source_session_id VARCHAR(64) | The source's session id on the first event. |
SELECT
    session_key,
    user_id,
    session_number,
    session_start,
    session_end,
    session_date,
    session_end_date,
    LAG(session_end_date) OVER (PARTITION BY user_id ORDER BY session_number) AS previous_end_date,
    {{seconds_between(session_start, session_end)}} AS duration_seconds,
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
    source_session_id
FROM (
    SELECT
        session_key,
        user_id,
        session_number,
        MIN(event_time) AS session_start,
        MAX(event_time) AS session_end,
        MIN(event_date) AS session_date,
        MAX(event_date) AS session_end_date,
        COUNT(*) AS event_count,
        SUM(CASE WHEN event_type = 'page_view' THEN 1 ELSE 0 END) AS page_views,
        SUM(CASE WHEN event_type = 'search' THEN 1 ELSE 0 END) AS searches,
        SUM(CASE WHEN event_type = 'product_view' THEN 1 ELSE 0 END) AS product_views,
        SUM(CASE WHEN event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS add_to_carts,
        SUM(CASE WHEN event_type = 'remove_from_cart' THEN 1 ELSE 0 END) AS remove_from_carts,
        SUM(CASE WHEN event_type = 'checkout' THEN 1 ELSE 0 END) AS checkouts,
        SUM(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases,
        MAX(CASE WHEN event_in_session = 1 THEN channel END) AS channel,
        MAX(CASE WHEN event_in_session = 1 THEN device END) AS device,
        MAX(CASE WHEN event_in_session = 1 THEN source_session_id END) AS source_session_id
    FROM ${intermediate:int_session_events}
    GROUP BY session_key, user_id, session_number
) s
