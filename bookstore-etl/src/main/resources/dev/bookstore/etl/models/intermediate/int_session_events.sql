-- model: int_session_events
-- layer: intermediate
-- materialized: table
-- unique_key: event_key
-- description: Every staged event with the session it belongs to: a user's session starts with their first event
--    and with every event that comes more than 30 minutes (1,800 s) after their previous one. Sessions are numbered
--    per user in time order; session_key = user_id#session_number.
-- column event_key VARCHAR(64) | The event's key (see stg_events). | not_null, unique
-- column session_key VARCHAR(80) | user_id#session_number: identifies the session. | not_null
-- column user_id VARCHAR(64) | The user. | not_null
-- column session_number INTEGER | 1 for the user's first session, 2 for the second, ... | not_null
-- column event_in_session INTEGER | 1 for the session's first event, 2 for the second, ... | not_null
-- column seconds_since_previous BIGINT | Seconds since the user's previous event; NULL for their first. |
-- column event_type VARCHAR(20) | What happened. | not_null
-- column event_time ${type:timestamp} | When (UTC). | not_null
-- column event_date DATE | Business day of the event. | not_null
-- column page VARCHAR(500) | Page viewed. |
-- column search_query VARCHAR(500) | Search text. |
-- column product_id VARCHAR(64) | Product concerned. |
-- column channel VARCHAR(32) | Marketing channel. |
-- column device VARCHAR(16) | Device class. |
-- column source_session_id VARCHAR(64) | The source's own session id, for comparison. |
SELECT
    event_key,
    CONCAT(user_id, '#', {{text(session_number)}}) AS session_key,
    user_id,
    session_number,
    ROW_NUMBER() OVER (PARTITION BY user_id, session_number ORDER BY event_time, event_key) AS event_in_session,
    seconds_since_previous,
    event_type,
    event_time,
    event_date,
    page,
    search_query,
    product_id,
    channel,
    device,
    source_session_id
FROM (
    SELECT
        f.*,
        SUM(is_session_start) OVER (PARTITION BY user_id ORDER BY event_time, event_key
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_number
    FROM (
        SELECT
            g.*,
            CASE WHEN seconds_since_previous IS NULL OR seconds_since_previous > 1800 THEN 1 ELSE 0 END
                AS is_session_start
        FROM (
            SELECT
                e.event_key, e.user_id, e.event_type, e.event_time, e.event_date, e.page, e.search_query,
                e.product_id, e.channel, e.device, e.session_id AS source_session_id,
                {{seconds_between(LAG(e.event_time) OVER (PARTITION BY e.user_id ORDER BY e.event_time, e.event_key),
                    e.event_time)}} AS seconds_since_previous
            FROM ${staging:stg_events} e
        ) g
    ) f
) s
