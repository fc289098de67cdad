-- churn_labels: customers who placed an order in the outcome window (:as_of, :window_end].
SELECT DISTINCT customer_id
FROM ${marts:fct_orders}
WHERE customer_id IS NOT NULL AND order_date > :as_of AND order_date <= :window_end
