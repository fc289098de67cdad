-- Quarantined rows per source and failed-rule list (a row failing two rules lists both, comma-separated).
SELECT 'customers' AS source, rules, COUNT(*) AS n FROM ${raw:customers_quarantine} GROUP BY rules
UNION ALL SELECT 'products', rules, COUNT(*) FROM ${raw:products_quarantine} GROUP BY rules
UNION ALL SELECT 'orders', rules, COUNT(*) FROM ${raw:orders_quarantine} GROUP BY rules
UNION ALL SELECT 'events', rules, COUNT(*) FROM ${raw:events_quarantine} GROUP BY rules
