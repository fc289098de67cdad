-- Search terms (trimmed, lower case) of the range by searches: the searches, the sessions searching the term and,
-- of those, the sessions with a purchase at or after the term's first search in the session. One hash aggregation
-- per (session, term) — purchases form their own row per session, with an empty term — then the session's last
-- purchase is spread over its terms by a window on those few rows; no join.
SELECT term, SUM(searches) AS term_searches, COUNT(*) AS term_sessions,
    SUM(CASE WHEN last_purchase_at >= first_search_at THEN 1 ELSE 0 END) AS converted
FROM (
    SELECT term, searches, first_search_at,
        MAX(purchased_at) OVER (PARTITION BY session_key) AS last_purchase_at
    FROM (
        SELECT session_key, term, SUM(is_search) AS searches,
            MIN(CASE WHEN is_search = 1 THEN event_time END) AS first_search_at,
            MAX(CASE WHEN is_search = 0 THEN event_time END) AS purchased_at
        FROM (
            SELECT session_key, event_time,
                CASE WHEN event_type = 'search' THEN LOWER(TRIM(search_query)) ELSE '' END AS term,
                CASE WHEN event_type = 'search' THEN 1 ELSE 0 END AS is_search
            FROM {{events}}
            WHERE event_date >= :from AND (event_type = 'purchase' OR (event_type = 'search'
                AND search_query IS NOT NULL AND TRIM(search_query) <> '' AND event_date <= :to))
        ) e
        GROUP BY session_key, term
    ) st
) t
WHERE searches > 0
GROUP BY term
ORDER BY term_searches DESC, term
LIMIT {{limit}}
