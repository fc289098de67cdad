-- Sessions started in the range (fct_sessions): count, bounces (one event), events, pages shown (page_view and
-- product_view events) and total duration in seconds.
SELECT COUNT(*), SUM(CASE WHEN is_bounce = TRUE THEN 1 ELSE 0 END), SUM(event_count),
    SUM(page_views + product_views), SUM(duration_seconds)
FROM ${marts:fct_sessions}
WHERE session_date BETWEEN :from AND :to
