package dev.bookstore.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions started in a date range ({@link Metrics#sessions}); a session is a user's run of events without a gap
 * longer than 30 minutes, its duration from its first event to its last.
 *
 * <pre>{@code
 * SessionStats s = metrics.sessions(q4);
 * System.out.println(s.sessions() + " sessions, bounce rate " + s.bounceRate());
 * }</pre>
 *
 * @param sessions sessions started in the range
 * @param bouncedSessions sessions of a single event
 * @param events events in those sessions
 * @param pageViews pages shown in them (page_view and product_view events)
 * @param totalDuration the sum of their durations
 * @param medianDuration the median duration; empty without sessions
 * @param p90Duration the 90th percentile of durations; empty without sessions
 */
public record SessionStats(long sessions, long bouncedSessions, long events, long pageViews, Duration totalDuration,
                           Optional<Duration> medianDuration, Optional<Duration> p90Duration) {
    /** Validates the fields. */
    public SessionStats {
        Objects.requireNonNull(totalDuration, "totalDuration");
        Objects.requireNonNull(medianDuration, "medianDuration");
        Objects.requireNonNull(p90Duration, "p90Duration");
    }

    /** The mean duration, to the millisecond; empty without sessions. */
    public Optional<Duration> averageDuration() {
        return sessions == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(totalDuration.toMillis() / sessions));
    }

    /** Pages shown per session; 0 without sessions. */
    public double pagesPerSession() {
        return sessions == 0 ? 0.0 : (double) pageViews / sessions;
    }

    /** Events per session; 0 without sessions. */
    public double eventsPerSession() {
        return sessions == 0 ? 0.0 : (double) events / sessions;
    }

    /** bouncedSessions ÷ sessions; 0 without sessions. */
    public double bounceRate() {
        return Money.rate(bouncedSessions, sessions);
    }
}
