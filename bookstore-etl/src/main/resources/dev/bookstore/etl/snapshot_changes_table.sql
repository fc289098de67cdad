-- A snapshot run's work table of the current versions that changed: which version of which key closes, and when.
CREATE TABLE {{changes}} ({{key}} {{key_type}}, version_number INTEGER, valid_to DATE, is_current BOOLEAN)
