-- Per location at one level ({{ship_column}} of the order / {{home_column}} of the customer): customers living
-- there (current version of dim_customers, registered by :to), and orders of the range shipped there with their
-- distinct registered customers and gross revenue.
SELECT location, SUM(residents) AS total_residents, SUM(buyers) AS total_buyers, SUM(orders) AS total_orders,
    SUM(gross) AS total_gross
FROM (
    SELECT location, 0 AS residents, COUNT(DISTINCT customer_id) AS buyers, COUNT(*) AS orders,
        SUM(gross_revenue) AS gross
    FROM (
        SELECT COALESCE({{ship_column}}, '(unknown)') AS location, customer_id, gross_revenue
        FROM ${marts:fct_orders}
        WHERE order_date BETWEEN :from AND :to
    ) o
    GROUP BY location
    UNION ALL
    SELECT location, COUNT(*), 0, 0, 0
    FROM (
        SELECT COALESCE({{home_column}}, '(unknown)') AS location
        FROM ${marts:dim_customers}
        WHERE is_current = TRUE AND registration_date <= :to
    ) c
    GROUP BY location
) u
GROUP BY location
