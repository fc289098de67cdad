-- /clv: one customer's lifetime value from the latest run stored in customer_clv (Clv.store, `bookstore train`):
-- always one row; latest_as_of is NULL when no run is stored, customer_id is NULL when the customer has no value in
-- that run (no order up to its day, or no such customer).
SELECT r.latest_as_of, c.customer_id, c.p_alive, c.expected_purchases, c.expected_spend, c.clv, c.horizon_weeks,
    c.model, c.model_fingerprint
FROM (SELECT MAX(as_of) AS latest_as_of FROM ${marts:customer_clv}) r
LEFT JOIN ${marts:customer_clv} c ON c.as_of = r.latest_as_of AND c.customer_id = :customer_id
