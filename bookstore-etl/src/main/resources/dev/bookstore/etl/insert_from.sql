-- Every row of {{source}} into the same {{columns}} of {{table}}.
INSERT INTO {{table}} ({{columns}}) SELECT {{columns}} FROM {{source}}
