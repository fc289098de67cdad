-- The day (reporting zone) of the latest order in the marts; NULL when there is none.
SELECT MAX(order_date) AS latest_day FROM ${marts:fct_orders}
