-- model: stg_events
-- layer: staging
-- materialized: incremental
-- unique_key: event_key
-- incremental: event_date lookback 3 days
-- description: One row per distinct clickstream event of raw.events: exact copies (same user, type, time, session,
--    page, query, product, channel and device) are kept once; codes in lower case. event_key is a SHA-256 of all
--    those fields, so that late copies merge instead of doubling.
-- column event_key VARCHAR(64) | SHA-256 (hex) of the event's fields: identifies the event. | not_null, unique
-- column event_type VARCHAR(20) | What happened. | not_null, accepted_values(page_view, search, product_view, add_to_cart, remove_from_cart, checkout, purchase)
-- column user_id VARCHAR(64) | The user (a customer id for signed-in users). | not_null
-- column session_id VARCHAR(64) | The source's own session id, if any (sessions are recomputed downstream). |
-- column event_time ${type:timestamp} | When it happened (UTC). | not_null
-- column event_date DATE | Business day of event_time in the reporting zone. | not_null
-- column page VARCHAR(500) | Page viewed (page_view). |
-- column search_query VARCHAR(500) | Search text (search). |
-- column product_id VARCHAR(64) | Product concerned (product_view, cart, purchase). |
-- column channel VARCHAR(32) | Marketing channel of the visit, lower case. |
-- column device VARCHAR(16) | Device class, lower case. |
SELECT
    {{sha256(CONCAT(user_id, '|', event_type, '|', {{text(event_time)}}, '|', COALESCE(session_id, '~'), '|',
        COALESCE(page, '~'), '|', COALESCE(search_query, '~'), '|', COALESCE(product_id, '~'), '|',
        COALESCE(channel, '~'), '|', COALESCE(device, '~')))}} AS event_key,
    event_type,
    user_id,
    session_id,
    event_time,
    event_date,
    page,
    search_query,
    product_id,
    channel,
    device
FROM (
    SELECT DISTINCT
        LOWER(TRIM(event_type)) AS event_type,
        TRIM(user_id) AS user_id,
        session_id,
        event_time,
        event_date,
        page,
        search_query,
        product_id,
        LOWER(TRIM(channel)) AS channel,
        LOWER(TRIM(device)) AS device
    FROM ${raw:events}
    WHERE {{incremental_window(event_date)}}
) e
