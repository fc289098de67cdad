-- Orders of the range by ISO day of week of the business day and hour of the wall-clock time in the reporting
-- zone (orders without a time are left out).
SELECT day_of_week, hour_of_day, COUNT(*) AS order_count, SUM(gross_revenue) AS total_gross
FROM (
    SELECT {{iso_day_of_week(order_date)}} AS day_of_week, {{hour_of({{local_time(ordered_at)}})}} AS hour_of_day, gross_revenue
    FROM ${marts:fct_orders}
    WHERE order_date BETWEEN :from AND :to AND ordered_at IS NOT NULL
) o
GROUP BY day_of_week, hour_of_day
