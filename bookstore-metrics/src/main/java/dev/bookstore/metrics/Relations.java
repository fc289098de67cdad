package dev.bookstore.metrics;

/**
 * The event-level relation the metrics read, in one place: funnels, search terms and product view → purchase need
 * single events in time order with their session (active customers read {@code fct_sessions} instead).
 *
 * <p>{@link #EVENTS} is the mart {@code fct_events} (columns used: {@code session_key, user_id, event_type,
 * event_time, event_date, search_query, product_id, category, channel, device}). Before that mart existed the
 * metrics read the intermediate model {@code int_session_events}; switching between them is this one line (the
 * funnel's category breakdown then needs {@code category}, which only the mart has).
 */
final class Relations {
    /** Event-level facts with their session key and product category. */
    static final String EVENTS = "${marts:fct_events}";

    private Relations() {
    }
}
