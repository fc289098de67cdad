package dev.bookstore.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What every clickstream event carries: who, in which session, when, from which channel and device.
 *
 * @param userId the customer (or visitor) id
 * @param sessionId the session the event belongs to, when the source records one
 * @param timestamp when it happened, UTC
 * @param channel marketing channel of the visit, when known
 * @param device device class ({@code desktop}, {@code mobile}, {@code tablet}), when known
 */
public record EventContext(String userId, Optional<String> sessionId, Instant timestamp, Optional<String> channel,
                           Optional<String> device) {
    /** Rejects missing required fields. */
    public EventContext {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(device, "device");
    }
}
