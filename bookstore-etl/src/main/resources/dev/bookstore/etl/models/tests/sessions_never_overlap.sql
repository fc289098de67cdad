-- test: sessions_never_overlap
-- model: fct_sessions
-- severity: error
-- description: A user's sessions never overlap and are separated by more than 30 minutes of inactivity (else they
--    would be one session). One failing row per session that starts too soon after the user's previous one.
SELECT session_key
FROM (
    SELECT session_key, session_start,
        LAG(session_end) OVER (PARTITION BY user_id ORDER BY session_start, session_key) AS previous_end
    FROM ${marts:fct_sessions}
) s
WHERE previous_end IS NOT NULL
    AND (previous_end >= session_start OR {{seconds_between(previous_end, session_start)}} <= 1800)
