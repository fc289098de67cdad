-- Active users (distinct users with an event) of every day of the range with clickstream data.
SELECT event_date, active_users
FROM ${marts:fct_daily_engagement}
WHERE event_date BETWEEN :from AND :to
ORDER BY event_date
