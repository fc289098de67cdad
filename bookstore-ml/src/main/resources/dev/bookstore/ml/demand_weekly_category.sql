-- demand_weekly_category: units on valid sale lines per product category ('unknown' when the line has none) and
-- week (dim_date.week_start, the Monday of the business day's week) for the business days up to :last_day.
SELECT COALESCE(l.category, 'unknown') AS series, d.week_start, SUM(l.quantity) AS units
FROM ${marts:fct_order_lines} l
JOIN ${marts:dim_date} d ON d.calendar_date = l.order_date
WHERE l.is_valid_sale = TRUE AND l.order_date <= :last_day
GROUP BY COALESCE(l.category, 'unknown'), d.week_start
