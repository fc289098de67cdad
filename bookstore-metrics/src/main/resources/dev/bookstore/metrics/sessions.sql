-- Sessions started in the range (fct_sessions): count, bounces (one event), events, pages shown (page_view and
-- product_view events) and total duration in seconds.
SELECT COUNT(*) AS session_count, SUM(CASE WHEN is_bounce = TRUE THEN 1 ELSE 0 END) AS bounces,
    SUM(event_count) AS total_events, SUM(page_views + product_views) AS total_pages,
    SUM(duration_seconds) AS total_seconds
FROM ${marts:fct_sessions}
WHERE session_date BETWEEN :from AND :to
