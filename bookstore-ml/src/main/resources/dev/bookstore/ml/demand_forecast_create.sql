-- mart: demand_forecast
-- written_by: DemandForecast.store (bookstore forecast --db URL --as-of DATE --store; bookstore train; bookstore quickstart)
-- reads: fct_order_lines, dim_date, dim_products
-- unique_key: as_of, series_level, series, week_start
-- description: The weekly demand forecasts written back by the forecaster: one row per series (a product or a
--    category), as-of day and forecast week (Monday to Sunday business days, the weeks after the last whole week
--    up to the as-of day) with the expected units, the 95 % prediction interval and the method chosen for the
--    series; product rows also carry the stock and the reorder point (expected demand over the lead time plus the
--    safety stock for the service level), the same on each of the product's weeks. A new run for the same as-of
--    day and level replaces those rows.
-- column as_of DATE | The last day of data the forecast used. |
-- column series_level VARCHAR(16) | product or category. |
-- column series VARCHAR(128) | The product id (dim_products.product_id) or the category. |
-- column week_start DATE | Monday of the forecast week. |
-- column units ${type:double} | Expected units sold in the week. |
-- column units_lower ${type:double} | Lower end of the 95 % prediction interval (at least 0). |
-- column units_upper ${type:double} | Upper end of the 95 % prediction interval. |
-- column method VARCHAR(32) | The method chosen for the series (naive, seasonal_naive, ses, holt_damped, hw_additive, hw_multiplicative, croston, sba, tsb). |
-- column stock INTEGER | Units in stock (dim_products.stock); NULL for a category. |
-- column safety_stock ${type:double} | z(service level) × σ of the lead-time demand; NULL for a category. |
-- column reorder_point ${type:double} | Expected lead-time demand + safety stock; order when stock is at or below it. NULL for a category. |
-- column lead_time_days INTEGER | The lead time the reorder point assumes. |
-- column service_level ${type:double} | The service level the safety stock assumes. |
CREATE TABLE IF NOT EXISTS ${marts:demand_forecast} (
    as_of          DATE           NOT NULL,
    series_level   VARCHAR(16)    NOT NULL,
    series         VARCHAR(128)   NOT NULL,
    week_start     DATE           NOT NULL,
    units          ${type:double} NOT NULL,
    units_lower    ${type:double} NOT NULL,
    units_upper    ${type:double} NOT NULL,
    method         VARCHAR(32)    NOT NULL,
    stock          INTEGER,
    safety_stock   ${type:double},
    reorder_point  ${type:double},
    lead_time_days INTEGER        NOT NULL,
    service_level  ${type:double} NOT NULL,
    PRIMARY KEY (as_of, series_level, series, week_start)
)
