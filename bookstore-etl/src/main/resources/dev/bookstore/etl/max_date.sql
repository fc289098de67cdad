-- The newest stored day of an incremental model ({{column}} of {{table}}); NULL when it is empty.
SELECT MAX({{column}}) FROM {{table}}
