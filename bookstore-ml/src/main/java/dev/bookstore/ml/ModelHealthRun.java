package dev.bookstore.ml;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored health check: its run id, when it was recorded, and the {@link ModelHealth} measured.
 *
 * <pre>{@code
 * ModelHealthRun run = ModelHealth.check(wh, model, LocalDate.now()).store(wh);
 * List<ModelHealthRun> history = ModelHealth.history(wh);
 * }</pre>
 *
 * @param runId a random UUID
 * @param recordedAt when it was stored (UTC, microseconds)
 * @param health what was measured
 */
public record ModelHealthRun(String runId, Instant recordedAt, ModelHealth health) {
    /**
     * Validates.
     *
     * @param runId a random UUID
     * @param recordedAt when it was stored
     * @param health what was measured
     */
    public ModelHealthRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(health, "health");
    }
}
