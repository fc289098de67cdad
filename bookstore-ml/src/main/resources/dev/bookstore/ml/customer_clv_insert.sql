INSERT INTO ${marts:customer_clv} (customer_id, as_of, p_alive, expected_purchases, expected_spend, clv,
    horizon_weeks, model, model_fingerprint)
VALUES (:customer_id, :as_of, :p_alive, :expected_purchases, :expected_spend, :clv, :horizon_weeks, :model,
    :model_fingerprint)
