INSERT INTO ${marts:demand_forecast} (as_of, series_level, series, week_start, units, units_lower, units_upper,
    method, stock, safety_stock, reorder_point, lead_time_days, service_level)
VALUES (:as_of, :series_level, :series, :week_start, :units, :units_lower, :units_upper, :method, :stock,
    :safety_stock, :reorder_point, :lead_time_days, :service_level)
