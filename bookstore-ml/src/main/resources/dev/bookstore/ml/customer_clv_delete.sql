DELETE FROM ${marts:customer_clv} WHERE as_of = :as_of
