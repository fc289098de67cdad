-- renderer_check: a header that documents the file and never reaches the database.
-- It mentions {{not_a_fragment}} and :not_a_parameter, which must not matter once stripped.
SELECT '-- kept' AS quoted, -- a trailing comment
       /* a block comment */ {{add_days(CAST(:d AS DATE), :n)}} AS later
