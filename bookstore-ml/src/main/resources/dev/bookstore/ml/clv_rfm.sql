-- clv_rfm: per registered customer whose first purchase day is on or before :calibration_end, the purchase days
-- (orders of one day merged) summarised for the RFM models: first purchase day, last purchase day in the
-- calibration period, repeat purchase days after the first day up to :calibration_end and their value, and the
-- purchase days in the holdout (:calibration_end, :holdout_end] and their value. Purchase value = gross revenue of
-- the day's orders. Recency and T in weeks are computed from the days by the caller.
WITH days AS (
    SELECT customer_id, order_date, SUM(gross_revenue) AS amount
    FROM ${marts:fct_orders}
    WHERE customer_id IS NOT NULL AND order_date <= :holdout_end
    GROUP BY customer_id, order_date
),
firsts AS (
    SELECT customer_id, MIN(order_date) AS first_day
    FROM days
    GROUP BY customer_id
)
SELECT
    d.customer_id,
    f.first_day,
    MAX(CASE WHEN d.order_date <= :calibration_end THEN d.order_date END) AS last_day,
    SUM(CASE WHEN d.order_date <= :calibration_end AND d.order_date > f.first_day THEN 1 ELSE 0 END) AS repeat_days,
    SUM(CASE WHEN d.order_date <= :calibration_end AND d.order_date > f.first_day THEN d.amount ELSE 0 END)
        AS repeat_amount,
    SUM(CASE WHEN d.order_date > :calibration_end THEN 1 ELSE 0 END) AS holdout_days,
    SUM(CASE WHEN d.order_date > :calibration_end THEN d.amount ELSE 0 END) AS holdout_amount
FROM days d
JOIN firsts f ON f.customer_id = d.customer_id
WHERE f.first_day <= :calibration_end
GROUP BY d.customer_id, f.first_day
ORDER BY d.customer_id
