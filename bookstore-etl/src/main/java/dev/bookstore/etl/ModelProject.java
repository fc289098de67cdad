package dev.bookstore.etl;

import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Dialect;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.WarehouseLock;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code dev.bookstore.etl.Transform} and {@code dev.bookstore.etl.Pipeline}: the graph of the
 * built-in models (SQL resources under {@code dev/bookstore/etl/models/}) and the operations on it. Package-private:
 * callers use those front doors. Thread-safe.
 *
 * <pre>{@code
 * TransformReport report = ModelProject.builtIn().build(warehouse, TransformOptions.defaults(), List.of(), false);
 * }</pre>
 */
final class ModelProject {
    private static final Logger LOG = LoggerFactory.getLogger(ModelProject.class);
    /** The name of the warehouse lock that serialises transform runs. */
    static final String LOCK = "transform";

    private final ModelGraph graph;

    private ModelProject(ModelGraph graph) {
        this.graph = graph;
    }

    /** The models shipped with Bookstore Analytics (read and validated once per JVM). */
    static ModelProject builtIn() {
        return new ModelProject(BuiltInModels.graph());
    }

    static ModelProject of(ModelGraph graph) {
        return new ModelProject(graph);
    }

    ModelGraph graph() {
        return graph;
    }

    /**
     * The names of the selected models and their dependents (every model when {@code select} is empty), in build
     * order.
     *
     * @throws InvalidArgumentException naming an unknown model
     */
    List<String> modelNames(Collection<String> select) {
        return graph.select(select).stream().map(Model::name).toList();
    }

    /**
     * Builds the selected models and their dependents (all when {@code select} is empty) in dependency order,
     * holding the warehouse lock {@value #LOCK}. A failed model's dependents are skipped; the others are built.
     *
     * @throws TransformException when a model failed, with the report of the whole run
     */
    TransformReport build(Warehouse wh, TransformOptions options, Collection<String> select,
                                 boolean fullRefresh) {
        Objects.requireNonNull(wh, "warehouse");
        Objects.requireNonNull(options, "options");
        List<Model> models = graph.select(select);
        wh.init();
        long t0 = System.nanoTime();
        String runId = UUID.randomUUID().toString();
        List<ModelRun> runs = new ArrayList<>();
        WarehouseLock lock = wh.lock(LOCK, options.lockWait());
        try {
            Supplier<String> salt = memoize(() -> PiiSalt.resolve(wh, options));
            LocalDate snapshotDay = options.snapshotDay().orElseGet(() -> wh.calendar().businessDay(Instant.now()));
            ModelBuilder builder = new ModelBuilder(wh, salt, snapshotDay);
            TransformRunLog log = new TransformRunLog(wh);
            Set<String> broken = new HashSet<>();
            for (Model m : models) {
                Instant start = Instant.now();
                long s0 = System.nanoTime();
                Optional<String> failedUpstream = m.dependsOn().stream().filter(broken::contains).sorted().findFirst();
                ModelRun run;
                if (failedUpstream.isPresent()) {
                    broken.add(m.name());
                    run = new ModelRun(m.name(), m.layer(), m.materialization(), ModelRun.Status.SKIPPED, ModelRun.Mode.NONE,
                            Optional.empty(), 0, Duration.ZERO, Optional.of("skipped: model " + failedUpstream.get()
                            + " which it reads was not built"));
                } else {
                    try {
                        ModelBuilder.Outcome o = builder.build(m, fullRefresh);
                        run = new ModelRun(m.name(), m.layer(), m.materialization(), ModelRun.Status.SUCCESS, o.mode(),
                                o.windowStart(), o.rows(), Duration.ofNanos(System.nanoTime() - s0), Optional.empty());
                        LOG.debug("built {} ({}, {}): {} rows in {} ms", m.name(), m.materialization().word(), o.mode().word(),
                                o.rows(), run.elapsed().toMillis());
                    } catch (SQLException | RuntimeException e) {
                        broken.add(m.name());
                        String message = "model " + m.name() + " (" + m.resource() + ") failed on "
                                + wh.dialect().name() + ": " + DataTestRunner.rootMessage(e);
                        LOG.debug(message, e);
                        run = new ModelRun(m.name(), m.layer(), m.materialization(), ModelRun.Status.FAILED, ModelRun.Mode.NONE,
                                Optional.empty(), 0, Duration.ofNanos(System.nanoTime() - s0), Optional.of(message));
                    }
                }
                runs.add(run);
                log.record(runId, run, start, Instant.now());
            }
        } finally {
            lock.close();
        }
        TransformReport report = new TransformReport(runId, runs, Duration.ofNanos(System.nanoTime() - t0));
        if (!report.failed().isEmpty()) {
            throw new TransformException(report.failed().size() + " of " + runs.size() + " models failed (run "
                    + runId + "):\n  " + report.failed().stream().map(r -> r.error().orElse(r.model()))
                    .collect(Collectors.joining("\n  ")), report);
        }
        return report;
    }

    /** Runs the data tests of the selected models (all when empty), storing the results with a new run id. */
    DataTestReport test(Warehouse wh, Collection<String> select) {
        Objects.requireNonNull(wh, "warehouse");
        List<Model> models = graph.select(select);
        wh.init();
        return new DataTestRunner(wh, graph).run(models);
    }

    /** Writes the data dictionary, the lineage graph and the HTML page into {@code dir} (created if missing). */
    DocsFiles docs(Warehouse wh, Path dir) {
        Objects.requireNonNull(wh, "warehouse");
        Objects.requireNonNull(dir, "dir");
        return new DocsWriter(wh, graph).write(dir);
    }

    /**
     * Creates the analyst role (if missing) and grants it {@code SELECT} on every mart that exists, and nothing
     * else; on databases without roles, says why not.
     */
    GrantResult grantAnalystRole(Warehouse wh, TransformOptions options) {
        Dialect d = wh.dialect();
        if (!d.supportsRoles()) {
            return new GrantResult.NotApplicable(d.name(), d.name() + " is an embedded database without users or "
                    + "roles: whoever can open its file can read everything, so protect the file (its directory's "
                    + "permissions) instead");
        }
        String role = analystRole(wh, options);
        List<Model> marts = graph.order().stream().filter(m -> m.layer() == Layer.MARTS).toList();
        List<TableName> existing = new ModelBuilder(wh, () -> "", LocalDate.now()).existing(marts);
        wh.withConnection(c -> {
            for (String s : d.createRole(role)) {
                Relations.execute(c, s);
            }
            for (TableName t : existing) {
                for (String s : d.grantSelect(role, t)) {
                    Relations.execute(c, s);
                }
            }
            return null;
        });
        return new GrantResult.Granted(role, existing.stream().map(TableName::sql).toList());
    }

    /** The analyst role's name: from the options, else {@code <namespace>_analyst}, else {@code bookstore_analyst}. */
    static String analystRole(Warehouse wh, TransformOptions options) {
        String ns = wh.config().namespace();
        return options.analystRole().orElse(ns.isEmpty() ? "bookstore_analyst" : ns + "_analyst");
    }

    /** Drops every model's table or view (marts first). Raw tables and the bookkeeping in meta are kept. */
    void drop(Warehouse wh) {
        ModelBuilder builder = new ModelBuilder(wh, () -> "", LocalDate.now());
        List<Model> reversed = new ArrayList<>(graph.order());
        java.util.Collections.reverse(reversed);
        for (Model m : reversed) {
            builder.drop(m);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
