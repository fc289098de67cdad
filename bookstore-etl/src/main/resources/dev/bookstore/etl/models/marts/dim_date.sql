-- model: dim_date
-- layer: marts
-- materialized: table
-- unique_key: calendar_date
-- description: One row per calendar day, from 1 January of the year of the earliest date in the data (customer
--    registrations, orders, events) to 31 December of the year of the latest order or event. Weeks are ISO weeks
--    starting on Monday.
-- column calendar_date DATE | The day. | not_null, unique
-- column year_number INTEGER | Calendar year. | not_null
-- column quarter_number INTEGER | Quarter 1–4. | not_null
-- column month_number INTEGER | Month 1–12. | not_null
-- column day_of_month INTEGER | Day 1–31. | not_null
-- column iso_day_of_week INTEGER | 1 = Monday … 7 = Sunday. | not_null
-- column day_name VARCHAR(9) | Monday … Sunday. | not_null
-- column is_weekend BOOLEAN | Saturday or Sunday. | not_null
-- column week_start DATE | The Monday of the day's ISO week. | not_null
-- column month_start DATE | First day of the month. | not_null
-- column quarter_start DATE | First day of the quarter. | not_null
-- column year_start DATE | 1 January. | not_null
SELECT
    calendar_date,
    EXTRACT(YEAR FROM calendar_date) AS year_number,
    EXTRACT(QUARTER FROM calendar_date) AS quarter_number,
    EXTRACT(MONTH FROM calendar_date) AS month_number,
    EXTRACT(DAY FROM calendar_date) AS day_of_month,
    iso_day_of_week,
    CASE iso_day_of_week WHEN 1 THEN 'Monday' WHEN 2 THEN 'Tuesday' WHEN 3 THEN 'Wednesday' WHEN 4 THEN 'Thursday'
        WHEN 5 THEN 'Friday' WHEN 6 THEN 'Saturday' ELSE 'Sunday' END AS day_name,
    CASE WHEN iso_day_of_week >= 6 THEN TRUE ELSE FALSE END AS is_weekend,
    {{date_trunc(week, calendar_date)}} AS week_start,
    {{date_trunc(month, calendar_date)}} AS month_start,
    {{date_trunc(quarter, calendar_date)}} AS quarter_start,
    {{date_trunc(year, calendar_date)}} AS year_start
FROM (
    SELECT d.calendar_date, {{iso_day_of_week(d.calendar_date)}} AS iso_day_of_week
    FROM (
        SELECT {{add_days(s.first_day, n.n)}} AS calendar_date
        FROM (
            SELECT first_day, {{add_days({{date_trunc(year, {{add_days({{date_trunc(year, last_day)}}, 366)}})}}, -1)}}
                AS last_day
            FROM (
                SELECT {{date_trunc(year, MIN(d))}} AS first_day, MAX(e) AS last_day
                FROM (
                    SELECT MIN(order_date) AS d, MAX(order_date) AS e FROM ${staging:stg_orders}
                    UNION ALL SELECT MIN(event_date), MAX(event_date) FROM ${staging:stg_events}
                    UNION ALL SELECT MIN(registration_date), NULL FROM ${staging:stg_customers}
                ) bounds
            ) b
            WHERE first_day IS NOT NULL AND last_day IS NOT NULL
        ) s
        CROSS JOIN (
            SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n AS n
            FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a
            CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b
            CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c
            CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) d
            CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) e
        ) n
        WHERE n.n <= {{days_between(s.first_day, s.last_day)}}
    ) d
) x
