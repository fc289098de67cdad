DELETE FROM ${marts:demand_forecast} WHERE as_of = :as_of AND series_level = :series_level
