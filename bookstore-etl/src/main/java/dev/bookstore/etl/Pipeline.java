package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.sql.SqlResources;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.sql.Identifiers;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.WarehouseLock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warehouse refresh as named steps run in order — by default {@code ingest} (when given a data directory) →
 * {@code transform} → {@code test} — with a run log, a cross-JVM lock and resumption after a failure. Scheduling
 * belongs to the host: call {@link #run()} from whatever runs jobs there.
 *
 * <pre>{@code
 * Pipeline.Report report = Pipeline.on(warehouse)
 *         .data(Path.of("incoming"))              // raw_orders.csv, raw_customers.csv, ..., clickstream_events.jsonl
 *         .lockWait(Duration.ofMinutes(5))        // a second run waits; Duration.ZERO: it fails at once
 *         .run();
 *
 * // scheduled by the host, e.g. every hour; a failed run is resumed by the next one
 * ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
 * scheduler.scheduleWithFixedDelay(() -> {
 *     try {
 *         Pipeline.on(warehouse).data(incoming).run();
 *     } catch (BookstoreException e) {
 *         log.error("warehouse refresh failed; the next run resumes at the failed step", e);
 *     }
 * }, 0, 1, TimeUnit.HOURS);
 * }</pre>
 *
 * <p><b>Run log.</b> Every step of every run is a row of {@code meta.pipeline_log}: run id, pipeline name, step,
 * start, end, rows, status ({@code running}, {@code succeeded}, {@code failed}, {@code skipped}) and error. A step
 * is logged {@code running} before it starts, so a run cut short by a crash is visible as such.
 *
 * <p><b>Lock.</b> A run holds the warehouse lock {@value #LOCK} (a PostgreSQL advisory lock, a MariaDB
 * {@code GET_LOCK}, a file lock for the embedded databases) from start to end, so two runs never interleave, in
 * one JVM or several; the second waits up to {@link #lockWait(Duration)} and then fails with a
 * {@link dev.bookstore.model.WarehouseException} naming the lock.
 *
 * <p><b>Resumption.</b> When the latest run of the same pipeline failed (or was cut short), the next run resumes
 * from the failed step: the steps before it are logged {@code skipped} with the failed run's id in
 * {@code resumed_from}, and not run again. {@link #resume(boolean) resume(false)} starts from the first step.
 *
 * <p><b>Report.</b> {@link Report#ingest()} holds the ingest step's {@link IngestReport} — read, loaded, rejected
 * per rule and duplicates per source — so that rejected rows are never hidden behind a step's row count.
 *
 * <p><b>Connections.</b> A run uses one pooled connection at a time: a warehouse built from a URL holds its locks
 * on connections outside its pool, so {@code WarehouseConfig.withPoolSize(1)} is enough.
 *
 * <p>Steps: {@code ingest} loads the generator's file names found in the data directory with {@link Ingest};
 * {@code transform} runs {@link Transform}; {@code test} runs the data tests and fails when an error-level test
 * fails. Replace or add steps with {@link #step(String, Step)}. Instances are immutable; thread-safe.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** The name of the warehouse lock a run holds. */
    public static final String LOCK = "pipeline";

    private final Warehouse warehouse;
    private final String name;
    private final Map<String, Step> steps;
    private final Duration lockWait;
    private final boolean resume;
    private final IngestOptions ingestOptions;

    private Pipeline(Warehouse warehouse, String name, Map<String, Step> steps, Duration lockWait, boolean resume,
                     IngestOptions ingestOptions) {
        this.warehouse = warehouse;
        this.name = name;
        this.steps = steps;
        this.lockWait = lockWait;
        this.resume = resume;
        this.ingestOptions = ingestOptions;
    }

    /**
     * A pipeline named {@code default} on {@code warehouse} with the steps {@code transform} and {@code test}
     * (add {@code ingest} with {@link #data(Path)}), waiting up to ten minutes for the lock, resuming failed runs.
     */
    public static Pipeline on(Warehouse warehouse) {
        Objects.requireNonNull(warehouse, "warehouse");
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("transform", transformStep(Transform.on(warehouse)));
        steps.put("test", testStep(Transform.on(warehouse)));
        return new Pipeline(warehouse, "default", steps, Duration.ofMinutes(10), true, IngestOptions.defaults());
    }

    /** One step: does its work on the warehouse and returns how many rows it wrote (or checked). */
    @FunctionalInterface
    public interface Step {
        /** Runs the step; an exception fails it (and the run). */
        long run(Warehouse warehouse) throws Exception;
    }

    /**
     * Adds (or replaces) the first step, {@code ingest}: loads the generator's files found in {@code dir}
     * ({@code raw_customers.csv}, {@code raw_products.csv}, {@code raw_orders.csv},
     * {@code clickstream_events.jsonl}) with {@link Ingest#directory(Path)}; files already loaded are skipped by
     * ingest.
     */
    public Pipeline data(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Map<String, Step> copy = new LinkedHashMap<>();
        copy.put("ingest", new IngestStep(dir));
        steps.forEach((k, v) -> {
            if (!k.equals("ingest")) {
                copy.put(k, v);
            }
        });
        return new Pipeline(warehouse, name, copy, lockWait, resume, ingestOptions);
    }

    /** Uses {@code options} (date policy, "now" for the future-date rule, ...) for the {@code ingest} step. */
    public Pipeline ingestOptions(IngestOptions options) {
        Objects.requireNonNull(options, "options");
        return new Pipeline(warehouse, name, steps, lockWait, resume, options);
    }

    /** Uses {@code options} (PII salt, snapshot day, ...) for the {@code transform} and {@code test} steps. */
    public Pipeline transformOptions(TransformOptions options) {
        Objects.requireNonNull(options, "options");
        return withTransform(Transform.on(warehouse).options(options));
    }

    /** Rebuilds incremental models from scratch in the {@code transform} step. */
    public Pipeline fullRefresh() {
        return withTransform(Transform.on(warehouse).fullRefresh());
    }

    private Pipeline withTransform(Transform transform) {
        Map<String, Step> copy = new LinkedHashMap<>(steps);
        if (copy.containsKey("transform")) {
            copy.put("transform", transformStep(transform));
        }
        if (copy.containsKey("test")) {
            copy.put("test", testStep(transform));
        }
        return new Pipeline(warehouse, name, copy, lockWait, resume, ingestOptions);
    }

    /**
     * Replaces the step called {@code stepName}, or appends it when there is none of that name.
     *
     * @param stepName a lower-case word, e.g. {@code ingest}, {@code export}
     */
    public Pipeline step(String stepName, Step step) {
        Identifiers.require(stepName, "step name");
        Objects.requireNonNull(step, "step");
        Map<String, Step> copy = new LinkedHashMap<>(steps);
        copy.put(stepName, step);
        return new Pipeline(warehouse, name, copy, lockWait, resume, ingestOptions);
    }

    /** A pipeline of exactly these steps, in this order (a step's name must be a lower-case word). */
    public Pipeline steps(Map<String, Step> orderedSteps) {
        Map<String, Step> copy = new LinkedHashMap<>();
        orderedSteps.forEach((k, v) -> copy.put(Identifiers.require(k, "step name"), Objects.requireNonNull(v, k)));
        if (copy.isEmpty()) {
            throw new InvalidArgumentException("a pipeline needs at least one step");
        }
        return new Pipeline(warehouse, name, copy, lockWait, resume, ingestOptions);
    }

    /** Names the pipeline (its runs are logged and resumed under this name); {@code default} otherwise. */
    public Pipeline named(String pipelineName) {
        return new Pipeline(warehouse, Identifiers.require(pipelineName, "pipeline name"), steps, lockWait, resume,
                ingestOptions);
    }

    /** How long a run waits for a run holding the lock; {@link Duration#ZERO} fails at once. */
    public Pipeline lockWait(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new InvalidArgumentException("lockWait " + wait + " is negative (use Duration.ZERO to fail at once)");
        }
        return new Pipeline(warehouse, name, steps, wait, resume, ingestOptions);
    }

    /** Whether a run after a failed one starts at the failed step (the default) or at the first step. */
    public Pipeline resume(boolean resumeFailedRun) {
        return new Pipeline(warehouse, name, steps, lockWait, resumeFailedRun, ingestOptions);
    }

    /** The step names, in order. */
    public List<String> stepNames() {
        return List.copyOf(steps.keySet());
    }

    /**
     * Runs the steps in order under the lock, logging each.
     *
     * @throws RunFailedException when a step fails: the steps after it are not run, and the next run resumes there
     * @throws dev.bookstore.model.WarehouseException when another run holds the lock longer than {@link #lockWait}
     */
    public Report run() {
        warehouse.init();
        long t0 = System.nanoTime();
        WarehouseLock lock = warehouse.lock(LOCK, lockWait);
        try {
            String runId = UUID.randomUUID().toString();
            List<String> names = stepNames();
            int start = 0;
            Optional<String> resumedFrom = Optional.empty();
            if (resume) {
                Optional<PreviousRun> previous = previousRun();
                if (previous.isPresent() && previous.get().failedStep().isPresent()) {
                    int at = names.indexOf(previous.get().failedStep().get());
                    boolean earlierDone = at >= 0 && names.subList(0, at).stream()
                            .allMatch(s -> previous.get().done().contains(s));
                    if (earlierDone) {
                        start = at;
                        resumedFrom = Optional.of(previous.get().runId());
                    }
                }
            }
            List<StepResult> results = new ArrayList<>();
            Optional<IngestReport> ingested = Optional.empty();
            for (int i = 0; i < names.size(); i++) {
                String step = names.get(i);
                Instant started = Instant.now();
                if (i < start) {
                    StepResult skipped = new StepResult(step, Status.SKIPPED, 0, started, started, Optional.empty());
                    log(runId, i, skipped, resumedFrom, true);
                    results.add(skipped);
                    continue;
                }
                log(runId, i, new StepResult(step, Status.RUNNING, 0, started, started, Optional.empty()),
                        resumedFrom, true);
                StepResult result;
                try {
                    Step work = steps.get(step);
                    long rows;
                    if (work instanceof IngestStep ingestStep) {
                        IngestReport ingestReport = ingestStep.ingest(warehouse, ingestOptions);
                        ingested = Optional.of(ingestReport);
                        rows = IngestStep.loaded(ingestReport);
                    } else {
                        rows = work.run(warehouse);
                    }
                    result = new StepResult(step, Status.SUCCEEDED, rows, started, Instant.now(), Optional.empty());
                } catch (Exception e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    result = new StepResult(step, Status.FAILED, 0, started, Instant.now(), Optional.of(message));
                    log(runId, i, result, resumedFrom, false);
                    results.add(result);
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                    Report report = new Report(runId, name, resumedFrom, results, ingested, elapsed);
                    LOG.debug("pipeline {} run {} failed at step {}", name, runId, step, e);
                    throw new RunFailedException("pipeline '" + name + "' run " + runId + " failed at step '" + step
                            + "': " + message + "\nrun it again to resume from step '" + step + "'", report, e);
                }
                log(runId, i, result, resumedFrom, false);
                results.add(result);
            }
            return new Report(runId, name, resumedFrom, results, ingested,
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            lock.close();
        }
    }

    // ------------------------------------------------------------------------------------------ standard steps

    /** The standard {@code ingest} step; {@link #run()} keeps its {@link IngestReport} for the run's report. */
    private record IngestStep(Path dir) implements Step {
        IngestReport ingest(Warehouse wh, IngestOptions options) {
            return Ingest.into(wh).directory(dir).options(options).run();
        }

        @Override
        public long run(Warehouse wh) {
            return loaded(ingest(wh, IngestOptions.defaults()));
        }

        static long loaded(IngestReport report) {
            return report.sources().stream().mapToLong(SourceReport::loaded).sum();
        }
    }

    private static Step transformStep(Transform transform) {
        return wh -> transform.run().rows();
    }

    private static Step testStep(Transform transform) {
        return wh -> {
            DataTestReport report = transform.test();
            if (report.hasErrors()) {
                throw new WarehouseException(report.errors().size() + " data test(s) failed (run " + report.runId()
                        + "): " + report.errors().stream().map(r -> r.test() + " on " + r.model() + " ("
                        + (r.status() == DataTestResult.Status.ERROR ? r.message() : r.failingRows()
                        + " failing rows") + ")").collect(Collectors.joining("; ")));
            }
            return report.results().size();
        };
    }

    // ------------------------------------------------------------------------------------------ run log

    /** The latest run of this pipeline: its id, the step it failed (or was cut short) at, the steps it did. */
    private record PreviousRun(String runId, Optional<String> failedStep, List<String> done) {
    }

    private Optional<PreviousRun> previousRun() {
        return warehouse.withHandle(h -> {
            Optional<String> runId = h.createQuery(SqlResources.load(Pipeline.class, "pipeline_latest_run"))
                    .bind("pipeline", name).setMaxRows(1).mapTo(String.class).findFirst();
            if (runId.isEmpty()) {
                return Optional.<PreviousRun>empty();
            }
            Optional<String> failed = Optional.empty();
            List<String> done = new ArrayList<>();
            for (Map.Entry<String, String> step : h.createQuery(SqlResources.load(Pipeline.class, "pipeline_run_steps"))
                    .bind("run_id", runId.get()).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()) {
                String status = step.getValue();
                if ((status.equals("failed") || status.equals("running")) && failed.isEmpty()) {
                    failed = Optional.of(step.getKey());
                } else if (status.equals("succeeded") || status.equals("skipped")) {
                    done.add(step.getKey());
                }
            }
            return Optional.of(new PreviousRun(runId.get(), failed, done));
        });
    }

    private void log(String runId, int order, StepResult r, Optional<String> resumedFrom, boolean insert) {
        boolean running = r.status() == Status.RUNNING;
        warehouse.withHandle(h -> (insert
                ? h.createUpdate(SqlResources.load(Pipeline.class, "pipeline_log_step")).bind("pipeline", name)
                        .bind("step_order", order).bind("started_at", utc(r.startedAt()))
                        .bind("resumed_from", resumedFrom.orElse(null))
                : h.createUpdate(SqlResources.load(Pipeline.class, "pipeline_finish_step")))
                .bind("run_id", runId)
                .bind("step", r.step())
                .bindByType("finished_at", running ? null : utc(r.finishedAt()), LocalDateTime.class)
                .bindByType("rows_affected", running ? null : r.rows(), Long.class)
                .bind("status", r.status().word())
                .bind("error_message", r.error().orElse(null))
                .execute());
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------------------------------ results

    /** What became of a step. */
    public enum Status {
        /** Logged while the step runs (and left so when the process died). */
        RUNNING,
        /** Done. */
        SUCCEEDED,
        /** Threw; the run stopped here. */
        FAILED,
        /** Not run: done by the failed run this one resumed. */
        SKIPPED;

        /** The word stored in the run log. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One step of a run.
     *
     * @param step its name
     * @param status what became of it
     * @param rows rows it wrote or checked (0 when skipped or failed)
     * @param startedAt when it started
     * @param finishedAt when it ended
     * @param error its failure's message
     */
    public record StepResult(String step, Status status, long rows, Instant startedAt, Instant finishedAt,
                             Optional<String> error) {
        /** Validates the components. */
        public StepResult {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
            Objects.requireNonNull(error, "error");
        }

        /** How long it took. */
        public Duration elapsed() {
            return Duration.between(startedAt, finishedAt);
        }
    }

    /**
     * A run: its id in {@code meta.pipeline_log}, the run it resumed (if any) and its steps.
     *
     * @param runId the run's id
     * @param pipeline the pipeline's name
     * @param resumedFrom the failed run this one resumed
     * @param steps the steps, in order (up to the failed one when it failed)
     * @param ingest what the standard {@code ingest} step did per source (read, loaded, rejected per rule,
     *               duplicates), when it ran in this run and succeeded
     * @param elapsed time taken, waiting for the lock included
     */
    public record Report(String runId, String pipeline, Optional<String> resumedFrom, List<StepResult> steps,
                         Optional<IngestReport> ingest, Duration elapsed) {
        /** Validates and copies the components. */
        public Report {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(resumedFrom, "resumedFrom");
            steps = List.copyOf(steps);
            Objects.requireNonNull(ingest, "ingest");
            Objects.requireNonNull(elapsed, "elapsed");
        }

        /** Whether every step succeeded or was done before. */
        public boolean succeeded() {
            return steps.stream().allMatch(s -> s.status() == Status.SUCCEEDED || s.status() == Status.SKIPPED);
        }

        /** The result of step {@code name}, when it is part of this run. */
        public Optional<StepResult> step(String name) {
            return steps.stream().filter(s -> s.step().equals(name)).findFirst();
        }
    }

    /** A run that stopped at a failed step; {@link #report()} has what ran. The next run resumes at that step. */
    public static final class RunFailedException extends WarehouseException {
        private static final long serialVersionUID = 1L;
        private final transient Report report;

        RunFailedException(String message, Report report, Throwable cause) {
            super(message, cause);
            this.report = report;
        }

        /** The steps of the failed run, the failed one last. */
        public Report report() {
            return report;
        }
    }

    @Override
    public String toString() {
        return "Pipeline[" + name + ": " + String.join(" -> ", steps.keySet()) + "]";
    }
}
