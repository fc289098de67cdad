-- Sessions started in the range and those with a purchase event (fct_daily_engagement).
SELECT COALESCE(SUM(sessions), 0) AS total_sessions, COALESCE(SUM(purchasing_sessions), 0) AS total_purchasing
FROM ${marts:fct_daily_engagement}
WHERE event_date BETWEEN :from AND :to
