package dev.bookstore.etl;

import dev.bookstore.model.sql.Layer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transform run did to one model.
 *
 * <pre>{@code
 * for (ModelRun m : Transform.on(warehouse).run().models()) {
 *     System.out.printf("%-24s %-8s %,10d rows %s%n", m.model(), m.status(), m.rows(), m.elapsed());
 * }
 * }</pre>
 *
 * @param model the model's name, e.g. {@code fct_orders}
 * @param layer the layer its relation is in
 * @param materialization how it is kept
 * @param status whether it was built, failed, or skipped because a model it reads failed
 * @param mode how it was built
 * @param windowStart for an incremental merge, the first day of the recomputed window
 * @param rows rows written (inserted; for a snapshot, versions inserted plus versions closed; 0 for a view)
 * @param elapsed time taken
 * @param error the failure's message, when it failed or was skipped
 */
public record ModelRun(String model, Layer layer, Materialization materialization, Status status, Mode mode,
                       Optional<LocalDate> windowStart, long rows, Duration elapsed, Optional<String> error) {
    /** Validates the components. */
    public ModelRun {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(materialization, "materialization");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(error, "error");
    }

    /** How a model was built. */
    public enum Mode {
        /** Rebuilt from all its input (a table, or an incremental model's first run or full refresh). */
        FULL,
        /** A window of days recomputed and merged by unique key. */
        INCREMENTAL,
        /** The view replaced. */
        VIEW,
        /** Changes merged into the history. */
        SNAPSHOT,
        /** Not built (failed or skipped). */
        NONE;

        /** The word stored in {@code meta.transform_runs.build_mode}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The outcome of building one model. */
    public enum Status {
        /** Built. */
        SUCCESS,
        /** Its SQL failed; the message is in {@link ModelRun#error()}. */
        FAILED,
        /** Not built because a model it reads failed (or was skipped). */
        SKIPPED
    }
}
