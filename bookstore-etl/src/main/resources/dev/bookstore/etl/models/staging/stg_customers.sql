-- model: stg_customers
-- layer: staging
-- materialized: view
-- unique_key: customer_id
-- description: One row per customer of raw.customers, text trimmed, e-mail and channel in lower case, an empty
--    state as NULL. Holds personal data in clear: staging is not granted to analysts; marts hash it.
-- column customer_id VARCHAR(64) | The customer's id (e.g. CUST_1523). | not_null, unique
-- column email VARCHAR(320) | E-mail address, trimmed and lower-cased. | not_null, pii
-- column first_name VARCHAR(100) | First name, trimmed. | pii
-- column last_name VARCHAR(100) | Last name, trimmed. | pii
-- column registration_date DATE | Day the customer registered. | not_null
-- column city VARCHAR(100) | Home city, trimmed. |
-- column state VARCHAR(100) | Home state or region; NULL when unknown. |
-- column country VARCHAR(100) | Home country, trimmed. |
-- column acquisition_channel VARCHAR(32) | Marketing channel that brought the customer, lower case. |
SELECT
    customer_id,
    LOWER(TRIM(email)) AS email,
    TRIM(first_name) AS first_name,
    TRIM(last_name) AS last_name,
    registration_date,
    TRIM(city) AS city,
    CASE WHEN TRIM(state) = '' THEN NULL ELSE TRIM(state) END AS state,
    TRIM(country) AS country,
    LOWER(TRIM(acquisition_channel)) AS acquisition_channel
FROM ${raw:customers}
