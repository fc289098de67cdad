-- Recency (days from the last order to :as_of), frequency (orders) and monetary value (gross revenue) of every
-- customer with an order on or before :as_of, each scored 1..5 by rank: score = 1 + floor(5 × (rank − 1) / n),
-- where rank 1 is the worst value (oldest, fewest, least) and ties share the lowest rank, so equal values always
-- get equal scores. Written with comparisons instead of division so that it is exact on every database.
SELECT customer_id, recency_days, frequency, monetary,
    CASE WHEN 5 * (r_rank - 1) >= 4 * n THEN 5 WHEN 5 * (r_rank - 1) >= 3 * n THEN 4
         WHEN 5 * (r_rank - 1) >= 2 * n THEN 3 WHEN 5 * (r_rank - 1) >= n THEN 2 ELSE 1 END AS r_score,
    CASE WHEN 5 * (f_rank - 1) >= 4 * n THEN 5 WHEN 5 * (f_rank - 1) >= 3 * n THEN 4
         WHEN 5 * (f_rank - 1) >= 2 * n THEN 3 WHEN 5 * (f_rank - 1) >= n THEN 2 ELSE 1 END AS f_score,
    CASE WHEN 5 * (m_rank - 1) >= 4 * n THEN 5 WHEN 5 * (m_rank - 1) >= 3 * n THEN 4
         WHEN 5 * (m_rank - 1) >= 2 * n THEN 3 WHEN 5 * (m_rank - 1) >= n THEN 2 ELSE 1 END AS m_score
FROM (
    SELECT customer_id, recency_days, frequency, monetary,
        RANK() OVER (ORDER BY recency_days DESC) AS r_rank,
        RANK() OVER (ORDER BY frequency) AS f_rank,
        RANK() OVER (ORDER BY monetary) AS m_rank,
        COUNT(*) OVER () AS n
    FROM (
        SELECT customer_id, {{days_between(MAX(order_date), :as_of)}} AS recency_days, COUNT(*) AS frequency,
            SUM(gross_revenue) AS monetary
        FROM ${marts:fct_orders}
        WHERE customer_id IS NOT NULL AND order_date <= :as_of
        GROUP BY customer_id
    ) c
) r
