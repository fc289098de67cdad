package dev.bookstore.etl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a transform run: one {@link ModelRun} per model, in build order. Also stored, one row per model, in
 * the warehouse's {@code meta.transform_runs} under {@link #runId()}.
 *
 * <pre>{@code
 * TransformReport report = Transform.on(warehouse).run();
 * long lines = report.model("fct_order_lines").map(ModelRun::rows).orElse(0L);
 * }</pre>
 *
 * @param runId identifies the run in {@code meta.transform_runs}
 * @param models what happened to each model, in build order
 * @param elapsed time taken by the whole run
 */
public record TransformReport(String runId, List<ModelRun> models, Duration elapsed) {
    /** Validates and copies the components. */
    public TransformReport {
        Objects.requireNonNull(runId, "runId");
        models = List.copyOf(models);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The run of model {@code name}, or empty when it was not part of this run. */
    public Optional<ModelRun> model(String name) {
        return models.stream().filter(m -> m.model().equals(name)).findFirst();
    }

    /** Whether every model was built. */
    public boolean succeeded() {
        return models.stream().allMatch(m -> m.status() == ModelRun.Status.SUCCESS);
    }

    /** The models that failed (not those skipped because of them). */
    public List<ModelRun> failed() {
        return models.stream().filter(m -> m.status() == ModelRun.Status.FAILED).toList();
    }

    /** Rows written by all models together. */
    public long rows() {
        return models.stream().mapToLong(ModelRun::rows).sum();
    }
}
