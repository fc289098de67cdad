-- customer_clv: the CLV predictions written back by Clv.store / `bookstore clv --db ... --store`: one row per
-- customer and as-of day: P(alive), expected purchases and spend per purchase over the horizon, the discounted CLV,
-- the purchase model used and a fingerprint of its fitted parameters.
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
