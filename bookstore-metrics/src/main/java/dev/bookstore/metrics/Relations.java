package dev.bookstore.metrics;

/**
 * The relations the metrics read that are not (yet) marts: the one place to change when the transform layer
 * publishes them as marts.
 *
 * <p>{@link #EVENTS}: event-level clickstream facts with their session. Funnels, search terms and product view →
 * purchase need single events in time order within a session; no mart holds them yet, so the metrics read the
 * intermediate model {@code int_session_events} (columns used: {@code event_key, session_key, user_id, event_type,
 * event_time, event_date, search_query, product_id, channel, device}). Requested mart: {@code fct_events} with those
 * columns (plus {@code category} of the product), incremental on {@code event_date}.
 */
final class Relations {
    /** Event-level facts with their session key. Change to {@code ${marts:fct_events}} once that mart exists. */
    static final String EVENTS = "${intermediate:int_session_events}";

    private Relations() {
    }
}
