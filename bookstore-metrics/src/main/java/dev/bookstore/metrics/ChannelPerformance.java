package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One marketing channel's results in a date range ({@link Metrics#channels}): orders and revenue by the order's
 * channel, sessions and conversion by the session's channel (of its first event).
 *
 * <pre>{@code
 * for (ChannelPerformance c : metrics.channels(q4)) {
 *     System.out.printf("%s %s %.2f%%%n", c.channel(), c.grossRevenue(), 100 * c.conversionRate());
 * }
 * }</pre>
 *
 * @param channel the channel ({@value Metrics#UNKNOWN} when not recorded)
 * @param orders orders placed through it
 * @param grossRevenue their gross revenue
 * @param netRevenue their net revenue (returns subtracted)
 * @param sessions sessions that came through it
 * @param purchasingSessions of those, sessions with a purchase event
 */
public record ChannelPerformance(String channel, long orders, BigDecimal grossRevenue, BigDecimal netRevenue,
                                 long sessions, long purchasingSessions) {
    /** Validates the fields. */
    public ChannelPerformance {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }

    /** purchasingSessions ÷ sessions; 0 without sessions. */
    public double conversionRate() {
        return Money.rate(purchasingSessions, sessions);
    }
}
