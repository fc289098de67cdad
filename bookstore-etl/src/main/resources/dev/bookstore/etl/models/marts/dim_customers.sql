-- model: dim_customers
-- layer: marts
-- materialized: snapshot
-- unique_key: customer_id
-- snapshot_key: customer_key
-- check_columns: city, state
-- valid_from_initial: registration_date
-- description: Customers with the history of their home city and state (slowly changing dimension, type 2): one
--    row per version. A transform that sees a customer's city or state change closes the current version (valid_to
--    = the day of the change, is_current = false) and opens a new one from that day; a customer's first version is
--    valid from the registration day. valid_to is exclusive and 9999-12-31 while current, so the version in force
--    on day d is the one with valid_from <= d < valid_to. Other columns are overwritten in every version. E-mail
--    and name appear only as salted SHA-256 hashes. The history is never rebuilt, not even by a full refresh.
-- column customer_key VARCHAR(80) | customer_id#version_number: identifies a version. | not_null, unique
-- column customer_id VARCHAR(64) | The customer. | not_null
-- column version_number INTEGER | 1 for the first version, then 2, 3, ... | not_null
-- column email_hash VARCHAR(64) | Salted SHA-256 (hex) of the lower-case e-mail address. | not_null, pii
-- column name_hash VARCHAR(64) | Salted SHA-256 (hex) of the lower-case 'first last' name. | pii
-- column city VARCHAR(100) | Home city in this version. |
-- column state VARCHAR(100) | Home state or region in this version; NULL when unknown. |
-- column country VARCHAR(100) | Home country. |
-- column acquisition_channel VARCHAR(32) | Marketing channel that brought the customer. |
-- column registration_date DATE | Day the customer registered. | not_null
-- column valid_from DATE | First day this version is in force. | not_null
-- column valid_to DATE | Day this version stopped being in force (exclusive); 9999-12-31 while current. | not_null
-- column is_current BOOLEAN | Whether this is the customer's current version. | not_null
-- test: unique(customer_id, version_number)
SELECT
    customer_id,
    {{pii_hash(email)}} AS email_hash,
    {{pii_hash(CONCAT(LOWER(first_name), ' ', LOWER(last_name)))}} AS name_hash,
    city,
    state,
    country,
    acquisition_channel,
    registration_date
FROM ${staging:stg_customers}
