-- mart: customer_clv
-- written_by: Clv.store (bookstore clv --db URL --as-of DATE --store; bookstore train; bookstore quickstart)
-- reads: fct_orders
-- unique_key: customer_id, as_of
-- description: The CLV predictions written back by the CLV models: one row per customer and as-of day with the
--    probability of being alive, the expected purchases and spend per purchase over the horizon, the discounted
--    CLV, the purchase model used and a fingerprint of its fitted parameters. A new run for the same as-of day
--    replaces that day's rows.
-- column customer_id VARCHAR(64) | The customer (dim_customers.customer_id). |
-- column as_of DATE | The last calibration day the values are as of. |
-- column p_alive ${type:double} | Probability that the customer is still active on the as-of day. |
-- column expected_purchases ${type:double} | Expected purchases over the horizon. |
-- column expected_spend ${type:double} | Expected value per purchase (gamma-gamma). |
-- column clv ${type:double} | Expected value of the purchases over the horizon, discounted monthly. |
-- column horizon_weeks INTEGER | Weeks the prediction covers. |
-- column model VARCHAR(16) | The purchase model: bgnbd, paretonbd or mbgnbd (the lowest AIC by default). |
-- column model_fingerprint VARCHAR(64) | SHA-256 (first 32 hex digits) of the model's fitted parameters. |
CREATE TABLE IF NOT EXISTS ${marts:customer_clv} (
    customer_id        VARCHAR(64)    NOT NULL,
    as_of              DATE           NOT NULL,
    p_alive            ${type:double} NOT NULL,
    expected_purchases ${type:double} NOT NULL,
    expected_spend     ${type:double} NOT NULL,
    clv                ${type:double} NOT NULL,
    horizon_weeks      INTEGER        NOT NULL,
    model              VARCHAR(16)    NOT NULL,
    model_fingerprint  VARCHAR(64)    NOT NULL,
    PRIMARY KEY (customer_id, as_of)
)
