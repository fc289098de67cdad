package dev.bookstore.metrics;

/**
 * The share of sessions with a purchase event in a date range ({@link Metrics#conversion}).
 *
 * <pre>{@code
 * double rate = metrics.conversion(q4).rate();
 * }</pre>
 *
 * @param sessions sessions started in the range
 * @param purchasingSessions of those, sessions with a purchase event
 */
public record Conversion(long sessions, long purchasingSessions) {
    /** purchasingSessions ÷ sessions; 0 without sessions. */
    public double rate() {
        return Money.rate(purchasingSessions, sessions);
    }
}
