-- Search terms (trimmed, lower case) of the range by searches: the searches, the sessions searching the term and,
-- of those, the sessions with a purchase at or after the term's first search in the session. One hash aggregation
-- per (session, term) over the search events only, then a hash join on session to the sessions' last purchase
-- times (purchase events are few: a small build side). The earlier join-free form (purchases folded into the same
-- aggregation with an empty term, spread back by a window) made DuckDB aggregate and self-join ~2 M rows twice.
SELECT st.term, SUM(st.searches) AS term_searches, COUNT(*) AS term_sessions,
    SUM(CASE WHEN p.last_purchase_at >= st.first_search_at THEN 1 ELSE 0 END) AS converted
FROM (
    SELECT session_key, LOWER(TRIM(search_query)) AS term, COUNT(*) AS searches, MIN(event_time) AS first_search_at
    FROM {{events}}
    WHERE event_type = 'search' AND event_date BETWEEN :from AND :to
        AND search_query IS NOT NULL AND TRIM(search_query) <> ''
    GROUP BY session_key, LOWER(TRIM(search_query))
) st
LEFT JOIN (
    SELECT session_key, MAX(event_time) AS last_purchase_at
    FROM {{events}}
    WHERE event_type = 'purchase' AND event_date >= :from
    GROUP BY session_key
) p ON p.session_key = st.session_key
GROUP BY st.term
ORDER BY term_searches DESC, st.term
LIMIT {{limit}}
