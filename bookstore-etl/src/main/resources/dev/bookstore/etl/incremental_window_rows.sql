-- An incremental run: the model's rows ({{select}}, rendered with the window) from the window's first day on, into
-- the work table {{work}}.
INSERT INTO {{work}} ({{columns}})
SELECT {{columns}} FROM ({{select}}) w WHERE w.{{date_column}} >= :window_start
