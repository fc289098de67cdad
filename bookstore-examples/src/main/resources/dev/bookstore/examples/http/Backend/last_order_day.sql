-- The day of the warehouse's latest order (fct_orders): the day /forecast forecasts from when not told.
SELECT MAX(order_date) FROM ${marts:fct_orders}
