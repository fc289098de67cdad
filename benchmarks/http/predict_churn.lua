-- wrk script: POST /predict/churn with a customer's features in the body (schema customer_v2).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"features": {"recency_days": 21, "frequency": 7, "monetary": 312.5, "avg_order_value": 44.64, "tenure_days": 400, "mean_days_between_orders": 38.2, "gap_trend_days": 4.5, "orders_30d": 1, "orders_90d": 2, "revenue_90d": 88.0, "sessions_30d": 3, "sessions_90d": 9, "abandoned_carts_30d": 0, "abandoned_carts_90d": 1, "distinct_categories": 3, "top_category_share": 0.55, "channel_organic_search": 0, "channel_paid_search": 1, "channel_social": 0, "channel_email": 0, "channel_direct": 0, "channel_referral": 0}}'
