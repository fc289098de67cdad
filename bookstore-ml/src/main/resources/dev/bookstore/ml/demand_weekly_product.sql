-- demand_weekly_product: units on valid sale lines per product and week (dim_date.week_start, the Monday of the
-- business day's week in the reporting calendar) for the business days up to :last_day.
SELECT l.product_id AS series, d.week_start, SUM(l.quantity) AS units
FROM ${marts:fct_order_lines} l
JOIN ${marts:dim_date} d ON d.calendar_date = l.order_date
WHERE l.is_valid_sale = TRUE AND l.order_date <= :last_day
GROUP BY l.product_id, d.week_start
