package dev.bookstore.metrics;

import java.util.Objects;

/**
 * A search term's use and how often it led to a purchase ({@link Metrics#topSearchTerms}). Terms are trimmed and
 * in lower case.
 *
 * <pre>{@code
 * SearchTerm top = metrics.topSearchTerms(q4, 10).get(0);
 * double rate = top.purchaseRate();
 * }</pre>
 *
 * @param term the term
 * @param searches searches for it
 * @param sessions sessions that searched for it
 * @param purchasingSessions of those, sessions with a purchase at or after the term's first search
 */
public record SearchTerm(String term, long searches, long sessions, long purchasingSessions) {
    /** Validates the fields. */
    public SearchTerm {
        Objects.requireNonNull(term, "term");
    }

    /** purchasingSessions ÷ sessions: the term's search → purchase rate. */
    public double purchaseRate() {
        return Money.rate(purchasingSessions, sessions);
    }
}
