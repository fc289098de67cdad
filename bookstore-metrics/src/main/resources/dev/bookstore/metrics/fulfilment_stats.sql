-- Per fulfilment leg of the range's orders ({{legs}}: fulfilment_legs.sql): how many orders made it, and their
-- days in total.
SELECT leg, COUNT(*) AS n, SUM(days) AS total_days FROM ({{legs}}) legs GROUP BY leg
