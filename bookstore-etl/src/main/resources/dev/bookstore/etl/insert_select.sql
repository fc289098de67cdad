-- Every row of a model's SELECT ({{select}}, rendered) into {{table}}'s {{columns}}.
INSERT INTO {{table}} ({{columns}}) {{select}}
