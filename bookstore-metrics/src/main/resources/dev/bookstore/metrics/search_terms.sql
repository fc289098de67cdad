-- Search terms (trimmed, lower case) of the range by searches: the searches, the sessions searching the term and,
-- of those, the sessions with a purchase at or after the term's first search in the session. Each event carries
-- its session's last purchase time (a window over the session), so no join is needed.
SELECT term, SUM(searches) AS term_searches, COUNT(*) AS term_sessions,
    SUM(CASE WHEN last_purchase_at >= first_search_at THEN 1 ELSE 0 END) AS converted
FROM (
    SELECT session_key, term, COUNT(*) AS searches, MIN(event_time) AS first_search_at,
        MAX(last_purchase_at) AS last_purchase_at
    FROM (
        SELECT session_key, event_type, event_time, event_date, LOWER(TRIM(search_query)) AS term,
            MAX(CASE WHEN event_type = 'purchase' THEN event_time END) OVER (PARTITION BY session_key)
                AS last_purchase_at
        FROM {{events}}
        WHERE event_type IN ('search', 'purchase') AND event_date >= :from
    ) e
    WHERE event_type = 'search' AND term IS NOT NULL AND term <> '' AND event_date <= :to
    GROUP BY session_key, term
) st
GROUP BY term
ORDER BY term_searches DESC, term
LIMIT {{limit}}
