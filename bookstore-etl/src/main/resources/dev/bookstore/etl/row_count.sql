-- How many rows a model's relation holds, for the docs.
SELECT COUNT(*) FROM {{relation}}
