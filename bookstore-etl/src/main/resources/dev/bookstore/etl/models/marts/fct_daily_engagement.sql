-- model: fct_daily_engagement
-- layer: marts
-- materialized: incremental
-- unique_key: event_date
-- incremental: event_date lookback 3 days
-- description: Clickstream engagement per business day, one row for every day from the first to the last event
--    day (days without events have zeros): events by type and active users from the events of the day; sessions,
--    bounces and buying sessions from the sessions that started that day.
-- column event_date DATE | The business day. | not_null, unique, relationships(dim_date.calendar_date)
-- column events INTEGER | Events. | not_null
-- column active_users INTEGER | Distinct users with an event. | not_null
-- column page_views INTEGER | page_view events. | not_null
-- column searches INTEGER | search events. | not_null
-- column product_views INTEGER | product_view events. | not_null
-- column add_to_carts INTEGER | add_to_cart events. | not_null
-- column remove_from_carts INTEGER | remove_from_cart events. | not_null
-- column checkouts INTEGER | checkout events. | not_null
-- column purchases INTEGER | purchase events. | not_null
-- column sessions INTEGER | Sessions that started that day. | not_null
-- column bounced_sessions INTEGER | Of those, sessions of one event. | not_null
-- column purchasing_sessions INTEGER | Of those, sessions with a purchase. | not_null
-- column total_session_seconds BIGINT | Σ duration_seconds of those sessions. | not_null
SELECT
    d.calendar_date AS event_date,
    COALESCE(e.events, 0) AS events,
    COALESCE(e.active_users, 0) AS active_users,
    COALESCE(e.page_views, 0) AS page_views,
    COALESCE(e.searches, 0) AS searches,
    COALESCE(e.product_views, 0) AS product_views,
    COALESCE(e.add_to_carts, 0) AS add_to_carts,
    COALESCE(e.remove_from_carts, 0) AS remove_from_carts,
    COALESCE(e.checkouts, 0) AS checkouts,
    COALESCE(e.purchases, 0) AS purchases,
    COALESCE(s.sessions, 0) AS sessions,
    COALESCE(s.bounced_sessions, 0) AS bounced_sessions,
    COALESCE(s.purchasing_sessions, 0) AS purchasing_sessions,
    COALESCE(s.total_session_seconds, 0) AS total_session_seconds
FROM ${marts:dim_date} d
JOIN (SELECT MIN(event_date) AS first_day, MAX(event_date) AS last_day FROM ${staging:stg_events}) span
    ON d.calendar_date >= span.first_day AND d.calendar_date <= span.last_day
LEFT JOIN (
    SELECT event_date, COUNT(*) AS events, COUNT(DISTINCT user_id) AS active_users,
        SUM(CASE WHEN event_type = 'page_view' THEN 1 ELSE 0 END) AS page_views,
        SUM(CASE WHEN event_type = 'search' THEN 1 ELSE 0 END) AS searches,
        SUM(CASE WHEN event_type = 'product_view' THEN 1 ELSE 0 END) AS product_views,
        SUM(CASE WHEN event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS add_to_carts,
        SUM(CASE WHEN event_type = 'remove_from_cart' THEN 1 ELSE 0 END) AS remove_from_carts,
        SUM(CASE WHEN event_type = 'checkout' THEN 1 ELSE 0 END) AS checkouts,
        SUM(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases
    FROM ${staging:stg_events}
    WHERE {{incremental_window(event_date)}}
    GROUP BY event_date
) e ON e.event_date = d.calendar_date
LEFT JOIN (
    SELECT session_date, COUNT(*) AS sessions,
        SUM(CASE WHEN is_bounce = TRUE THEN 1 ELSE 0 END) AS bounced_sessions,
        SUM(CASE WHEN has_purchase = TRUE THEN 1 ELSE 0 END) AS purchasing_sessions,
        SUM(duration_seconds) AS total_session_seconds
    FROM ${marts:fct_sessions}
    WHERE {{incremental_window(session_date)}}
    GROUP BY session_date
) s ON s.session_date = d.calendar_date
WHERE {{incremental_window(d.calendar_date)}}
