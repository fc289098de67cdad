-- A model's table (or a work table like it) from its declared columns: {{columns}} is "name type, ..." with the
-- types as declared (placeholders such as ${type:money} allowed).
CREATE TABLE {{table}} ({{columns}})
