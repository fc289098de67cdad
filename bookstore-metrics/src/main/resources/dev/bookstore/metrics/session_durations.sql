-- Durations in seconds of the sessions started in the range: the relation for the duration percentiles.
(SELECT duration_seconds FROM ${marts:fct_sessions} WHERE session_date BETWEEN :from AND :to) durations
