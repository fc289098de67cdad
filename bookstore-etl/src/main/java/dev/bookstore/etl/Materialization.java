package dev.bookstore.etl;

import java.util.Locale;

/**
 * How a model is kept in the warehouse, as declared in its header ({@code -- materialized: incremental}).
 *
 * <pre>{@code
 * ModelRun run = report.model("fct_orders").orElseThrow();
 * if (run.materialization() == Materialization.INCREMENTAL) { ... }
 * }</pre>
 */
public enum Materialization {
    /** Rebuilt completely on every run: rows deleted and inserted again in one transaction. */
    TABLE,
    /** A view: the model's query stored in the database, computed when read. */
    VIEW,
    /**
     * A table merged by unique key: each run recomputes only the rows whose date column falls within a look-back
     * window before the newest date already stored, deletes the stored rows of that window (and any stored row
     * with a recomputed key), and inserts the recomputed ones. A full refresh rebuilds it like {@link #TABLE}.
     */
    INCREMENTAL,
    /**
     * A history (slowly changing dimension, type 2): when a checked column changes, the current version is closed
     * ({@code valid_to}, {@code is_current = false}) and a new one opened. Never rebuilt, not even by a full
     * refresh, because the history cannot be recomputed from the sources.
     */
    SNAPSHOT;

    /** The word used in model headers and logs: {@code table}, {@code view}, {@code incremental}, {@code snapshot}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
