package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Builds the warehouse's models from its raw tables, tests them, documents them and grants analysts read access:
 * the front door of the model graph (staging → intermediate → marts).
 *
 * <pre>{@code
 * TransformReport built = Transform.on(warehouse).run();                       // every model, incrementally
 * Transform.on(warehouse).fullRefresh().select("fct_orders").run();           // one model and its dependents
 * DataTestReport tests = Transform.on(warehouse).test();                      // not_null, unique, ..., custom
 * DocsFiles docs = Transform.on(warehouse).docs(Path.of("docs"));             // Markdown, Mermaid, HTML
 * GrantResult grant = Transform.on(warehouse).grantAnalystRole();             // PostgreSQL and MariaDB
 * }</pre>
 *
 * <p><b>The models</b> are SQL files in this library ({@code dev/bookstore/etl/models/<layer>/<model>.sql}), each a
 * SELECT with a header declaring its layer, materialisation (table, view, incremental, snapshot), unique key,
 * columns and tests; they are written once for every database. The data dictionary written by {@link #docs} lists
 * every model and column.
 *
 * <p><b>Revenue</b>, as every model and metric counts it: a <i>valid sale line</i> has quantity &gt; 0, unit price
 * &gt; 0 and a status other than {@code cancelled}; <i>gross revenue</i> = Σ quantity × unit price over valid sale
 * lines; <i>net revenue</i> = gross revenue − the gross revenue of valid lines whose status is {@code returned} −
 * Σ |quantity| × unit price over cancellation lines (quantity &lt; 0, the Online Retail {@code C} invoices); an
 * <i>order</i> is a distinct order id with at least one valid sale line. A <i>session</i> is a user's run of events
 * with no gap longer than 30 minutes.
 *
 * <p><b>Runs</b> are serialised by the warehouse lock {@code transform} (across JVMs); a run builds every selected
 * model in dependency order, and when one fails, the models reading it are skipped, the others still built, and
 * {@link #run()} throws a {@link TransformException} carrying the report. Incremental models recompute only a
 * look-back window of days (late data within it is merged by unique key); {@link #fullRefresh()} rebuilds them.
 * Personal data (e-mail, names) reaches the marts only as salted hashes: see {@link TransformOptions} for the salt.
 *
 * <p>Instances are immutable; each method returns a new one. Thread-safe.
 */
public final class Transform {
    private final Warehouse warehouse;
    private final TransformOptions options;
    private final List<String> selected;
    private final boolean fullRefresh;

    private Transform(Warehouse warehouse, TransformOptions options, List<String> selected, boolean fullRefresh) {
        this.warehouse = warehouse;
        this.options = options;
        this.selected = selected;
        this.fullRefresh = fullRefresh;
    }

    /** A transform of every built-in model on {@code warehouse}, incremental, with default options. */
    public static Transform on(Warehouse warehouse) {
        Objects.requireNonNull(warehouse, "warehouse");
        return new Transform(warehouse, TransformOptions.defaults(), List.of(), false);
    }

    /** Uses {@code transformOptions} (PII salt, analyst role, snapshot day, lock wait) instead of the defaults. */
    public Transform options(TransformOptions transformOptions) {
        Objects.requireNonNull(transformOptions, "options");
        return new Transform(warehouse, transformOptions, selected, fullRefresh);
    }

    /**
     * Restricts {@link #run()} to these models and every model that depends on them (and {@link #test()} to their
     * tests). Names are model names such as {@code fct_orders}; an unknown one fails the run, listing the known.
     */
    public Transform select(String... models) {
        List<String> copy = new ArrayList<>(selected);
        for (String m : models) {
            copy.add(Objects.requireNonNull(m, "model"));
        }
        return new Transform(warehouse, options, Collections.unmodifiableList(copy), fullRefresh);
    }

    /** Rebuilds incremental models from scratch instead of merging a window. Snapshots keep their history. */
    public Transform fullRefresh() {
        return new Transform(warehouse, options, selected, true);
    }

    /** The names of the models {@link #run()} would build, in build order. */
    public List<String> models() {
        return ModelProject.builtIn().modelNames(selected);
    }

    /**
     * Builds the models (initialising the warehouse's schema if needed).
     *
     * @throws TransformException when a model fails; models not depending on it are still built
     * @throws dev.bookstore.model.WarehouseException when another run holds the lock longer than the options' wait
     */
    public TransformReport run() {
        return ModelProject.builtIn().build(warehouse, options, selected, fullRefresh);
    }

    /**
     * Runs the data tests (of the selected models, or all) and stores the results in
     * {@code meta.data_test_results}; never throws for failing tests: check {@link DataTestReport#hasErrors()}.
     */
    public DataTestReport test() {
        return ModelProject.builtIn().test(warehouse, selected);
    }

    /** Writes {@code data_dictionary.md}, {@code lineage.mmd} and {@code index.html} into {@code dir}. */
    public DocsFiles docs(Path dir) {
        return ModelProject.builtIn().docs(warehouse, dir);
    }

    /**
     * Creates the analyst role (unless it exists) and grants it read access to every mart and nothing else, on
     * PostgreSQL and MariaDB; on DuckDB and H2 returns {@link GrantResult.NotApplicable}. Run it after
     * {@link #run()} (a new mart needs a new grant). The role has no login: grant it to users.
     */
    public GrantResult grantAnalystRole() {
        return ModelProject.builtIn().grantAnalystRole(warehouse, options);
    }

    /** Drops every model's table and view (raw data and run history stay); the next run rebuilds them. */
    public void dropModels() {
        ModelProject.builtIn().drop(warehouse);
    }
}
