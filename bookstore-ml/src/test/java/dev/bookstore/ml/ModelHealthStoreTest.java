package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

class ModelHealthStoreTest {
    @EachDatabase
    void storedRunsComeBackAsAHistoryOldestFirst(Warehouse wh) {
        wh.init();
        assertEquals(List.of(), ModelHealth.history(wh));
        String fingerprint = "ab".repeat(32);
        ModelHealth early = new ModelHealth("churn", fingerprint, LocalDate.of(2025, 7, 4), LocalDate.of(2025, 8, 1),
                List.of(new ModelHealth.FeaturePsi("recency_days", 0.3141592653589793),
                        new ModelHealth.FeaturePsi("frequency", 1.0 / 3), new ModelHealth.FeaturePsi("monetary", 0.0)),
                0.012345678901234567, OptionalDouble.empty());
        ModelHealth later = new ModelHealth("churn", fingerprint, LocalDate.of(2025, 7, 4), LocalDate.of(2025, 12, 31),
                List.of(new ModelHealth.FeaturePsi("frequency", 0.5), new ModelHealth.FeaturePsi("recency_days", 0.25)),
                0.2, OptionalDouble.of(0.8123456789));
        Instant t1 = Instant.parse("2026-01-02T03:04:05.123456Z");
        Instant t2 = Instant.parse("2026-02-02T03:04:05.654321Z");
        // stored out of order: the history is ordered by time
        ModelHealthRun second = later.store(wh, t2);
        ModelHealthRun first = early.store(wh, t1.plusNanos(789));
        assertNotEquals(first.runId(), second.runId());
        assertEquals(t1, first.recordedAt(), "kept to the microsecond");

        List<ModelHealthRun> history = ModelHealth.history(wh);
        assertEquals(List.of(first, second), history);
        assertEquals(early, history.get(0).health());
        assertTrue(history.get(0).health().realisedAuc().isEmpty());
        assertEquals(0.8123456789, history.get(1).health().realisedAuc().getAsDouble(), 0);
        assertEquals("recency_days", history.get(0).health().features().get(0).feature(), "stored order kept");
    }
}
