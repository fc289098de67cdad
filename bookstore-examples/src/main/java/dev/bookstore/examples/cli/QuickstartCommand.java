package dev.bookstore.examples.cli;

import dev.bookstore.etl.DataTestReport;
import dev.bookstore.etl.DataTestResult;
import dev.bookstore.etl.IngestReport;
import dev.bookstore.etl.SourceReport;
import dev.bookstore.etl.Transform;
import dev.bookstore.etl.TransformReport;
import dev.bookstore.ml.ChurnEvaluation;
import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ChurnOptions;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.model.generator.Manifest;
import java.time.LocalDate;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.SchemaChange;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bookstore quickstart}: the whole way on an embedded DuckDB warehouse in a work folder: generate the data
 * set, create the warehouse, load the data, and print what was done with counts and timings.
 *
 * <p>Running it again on the same folder reuses the data when it was generated with the same options; otherwise
 * the data is generated afresh and the warehouse, built from the old data, is replaced.
 */
@Command(name = "quickstart",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = DataSetOptions.Defaults.class,
        description = {"Generate the data set, create an embedded DuckDB warehouse, load the data, build the marts "
                + "and run the data tests; with 12+ months of data, train the churn model and print its evaluation.",
            "Files: DIR/data/ (the data set) and DIR/bookstore.duckdb (the warehouse). Safe to run again: "
                + "the same options reuse the data, other options replace data and warehouse."})
final class QuickstartCommand implements Callable<Integer> {
    /**
     * The quickstart's churn procedure: evaluated out of time, then refit on the latest labelled snapshot (a model
     * that is fresh when deployed), from one snapshot per step. Stacking twelve monthly snapshots
     * ({@code bookstore train}'s default) costs about four times as long on the default data and did not raise its
     * out-of-time AUC (0.837 either way, benchmarks/RESULTS.md), so the main job keeps to one.
     */
    static final ChurnOptions QUICKSTART_CHURN = ChurnOptions.defaults().withSnapshots(1);

    /**
     * DuckDB's own memory limit for the quickstart's embedded warehouse, passed in the JDBC URL (DuckDB's default
     * is 80 % of the machine's memory, so its buffer pool grows with the machine, not with the data). With the
     * launcher's heap of 512 MB this keeps the whole default quickstart under 1 GB of resident memory
     * (benchmarks/RESULTS.md); DuckDB spills to a temporary file beyond it. The printed warehouse URL carries no
     * limit: later commands open the file with DuckDB's default.
     */
    static final String QUICKSTART_DUCKDB_MEMORY = "384MB";

    static final String DATA_DIR = "data";
    static final String DATABASE_FILE = "bookstore.duckdb";
    static final String MODELS_DIR = "models";
    static final int MIN_MONTHS_TO_TRAIN = 12;

    @Spec
    private CommandSpec spec;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "bookstore-data",
            description = "Work folder (default: ./${DEFAULT-VALUE}).")
    private Path work;

    @Mixin
    private DataSetOptions data;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = BookstoreCli.of(spec).stderrIsTerminal();
        Path dir = work.toAbsolutePath().normalize();
        Path database = dir.resolve(DATABASE_FILE);
        String url = "jdbc:duckdb:" + database;
        TextTable table = new TextTable("step", "what", ">rows", ">loaded", ">rejected", ">duplicates", ">time",
                ">rows/s");

        DataSet.Generated dataSet = generate(dir.resolve(DATA_DIR), database, table, err, terminal);
        IngestReport report;
        DataTestReport tests;
        Optional<ChurnEvaluation> evaluation;
        try (Warehouse wh = Warehouse.connect(url + ";memory_limit=" + QUICKSTART_DUCKDB_MEMORY)) {
            long t1 = System.nanoTime();
            SchemaChange change = wh.init();
            table.row("init", DbInitCommand.describe(change), "", "", "", "", Units.duration(Units.since(t1)));
            report = WarehouseLoad.run(wh, dataSet, err, terminal);
            report.sources().forEach(source -> table.row(loadRow(wh, source)));
            TransformReport models = Progress.during(err, terminal, "transform",
                    () -> "building staging, intermediate and mart models", () -> Transform.on(wh).run());
            table.row("transform", models.models().size() + " models " + Units.ARROW + " staging, marts",
                    Units.count(models.rows()), "", "", "", Units.duration(models.elapsed()));
            if (!models.succeeded()) {
                throw new WarehouseException("transform failed at model " + models.failed().get(0).model() + ": "
                        + models.failed().get(0).error().orElse("?"));
            }
            long t2 = System.nanoTime();
            tests = Progress.during(err, terminal, "test", () -> "running data tests", () -> Transform.on(wh).test());
            long passed = tests.results().stream().filter(r -> r.status() == DataTestResult.Status.PASS).count();
            table.row("test", passed + "/" + tests.results().size() + " data tests passed", "", "", "", "",
                    Units.duration(Units.since(t2)));
            evaluation = train(wh, dataSet, dir, table, err, terminal);
        }
        table.row("total", "", "", "", "", "", Units.duration(Units.since(t0)));

        table.print(out);
        out.println();
        for (SourceReport source : report.sources()) {
            if (source.rejected() > 0) {
                out.println("rejected " + source.source().code() + " rows (kept in quarantine with their reasons): "
                        + byRule(source.rejectionsByRule()));
            }
        }
        for (DataTestResult t : tests.results()) {
            if (t.status() != DataTestResult.Status.PASS) {
                out.println("data test " + t.test() + " on " + t.model() + ": " + t.status().name().toLowerCase(
                        java.util.Locale.ROOT) + " (" + Units.count(t.failingRows()) + " failing rows)");
            }
        }
        evaluation.ifPresent(e -> {
            out.println();
            out.println(e.report());
        });
        out.println("data:      " + dataSet.dir());
        out.println("warehouse: " + url);
        out.flush();
        return 0;
    }

    /**
     * Trains the churn model as of the last day of the data and writes it to {@code DIR/models}, when the data
     * spans enough months for an out-of-time calibration and evaluation (calibrate at as-of minus three horizons,
     * train at minus two, evaluate at minus one).
     */
    private static Optional<ChurnEvaluation> train(Warehouse wh, DataSet.Generated dataSet, Path dir, TextTable table,
                                                   PrintWriter err, boolean terminal) {
        Manifest.Window window = dataSet.manifest().truth().window();
        if (window.months() < MIN_MONTHS_TO_TRAIN) {
            table.row("train", "skipped: churn needs " + MIN_MONTHS_TO_TRAIN + "+ months of data");
            return Optional.empty();
        }
        long t0 = System.nanoTime();
        LocalDate asOf = window.endExclusive().minusDays(1);
        ChurnModel model = Progress.during(err, terminal, "train", () -> "churn model as of " + asOf,
                () -> ChurnModel.train(wh, asOf, QUICKSTART_CHURN));
        Path file = dir.resolve(MODELS_DIR).resolve(TrainCommand.CHURN_FILE);
        ModelFile.write(model, file);
        Optional<ChurnEvaluation> evaluation = model.evaluation();
        String auc = evaluation.map(e -> String.format(java.util.Locale.ROOT,
                "churn AUC %.3f (logistic %.3f, recency %.3f), Brier %.3f %s %.3f (%s)", e.forest().auc(),
                e.logistic().auc(), e.recency().auc(), e.forest().brier(), Units.ARROW, e.calibrated().brier(),
                e.calibration().name().toLowerCase(java.util.Locale.ROOT))).orElse("churn model");
        String trained = evaluation.map(e -> ", trained on " + e.deployed().window()).orElse("");
        table.row("train", auc + " " + Units.ARROW + " " + MODELS_DIR + "/" + TrainCommand.CHURN_FILE + trained, "", "",
                "", "", Units.duration(Units.since(t0)));
        trainRecommender(wh, asOf, dir, table, err, terminal);
        long t1 = System.nanoTime();
        String clv = Progress.during(err, terminal, "train", () -> "CLV models as of " + asOf,
                () -> trainClv(wh, asOf));
        table.row("train", clv, "", "", "", "", Units.duration(Units.since(t1)));
        long t2 = System.nanoTime();
        String forecast = Progress.during(err, terminal, "train", () -> "demand forecast as of " + asOf,
                () -> ForecastCommand.trainAndStore(wh, asOf));
        table.row("train", forecast, "", "", "", "", Units.duration(Units.since(t2)));
        return evaluation;
    }

    /**
     * Fits BG/NBD, Pareto/NBD, MBG/NBD and gamma-gamma on every customer with an order (as {@code bookstore train}
     * does), values them over 52 weeks (1 % a month) with the lowest-AIC model and writes customer_clv.
     */
    private static String trainClv(Warehouse wh, LocalDate asOf) {
        dev.bookstore.ml.RfmSummary all = dev.bookstore.ml.Clv.summary(wh, asOf);
        dev.bookstore.ml.Clv clv = dev.bookstore.ml.Clv.fit(all);
        dev.bookstore.ml.PurchaseModel m = clv.preferred();
        int rows = clv.store(wh, asOf, m, 52, clv.values(all, m, 52, 0.01));
        return String.format(java.util.Locale.ROOT, "clv %s by AIC (fit on %,d customers) %s customer_clv %,d rows",
                m.key(), all.size(), Units.ARROW, rows);
    }

    /** Trains the recommender as of {@code asOf}, writes it to {@code DIR/models} and adds its one table row. */
    private static void trainRecommender(Warehouse wh, LocalDate asOf, Path dir, TextTable table, PrintWriter err,
                                         boolean terminal) {
        long t0 = System.nanoTime();
        dev.bookstore.ml.Recommender recs = Progress.during(err, terminal, "train",
                () -> "recommender as of " + asOf, () -> dev.bookstore.ml.Recommender.train(wh, asOf));
        recs.write(dir.resolve(MODELS_DIR).resolve(TrainCommand.RECS_FILE));
        String line = recs.evaluation().map(e -> {
            var served = e.result(e.chosen()).orElseThrow();
            var pop = e.result(dev.bookstore.ml.RecommenderOptions.Method.POPULARITY).orElseThrow();
            return String.format(java.util.Locale.ROOT, "recs %s HR@10 %.3f NDCG@10 %.3f (popularity %.3f / %.3f)",
                    RecommendCommand.source(e.chosen()), served.hitRate(), served.ndcg(), pop.hitRate(), pop.ndcg());
        }).orElse("recommender");
        table.row("train", line + " " + Units.ARROW + " " + MODELS_DIR + "/" + TrainCommand.RECS_FILE, "", "", "", "",
                Units.duration(Units.since(t0)));
    }

    /** Reuses the data in {@code dataDir} if it has the same options; else generates it, dropping the warehouse. */
    private DataSet.Generated generate(Path dataDir, Path database, TextTable table, PrintWriter err,
                                       boolean terminal) {
        Optional<DataSet.Generated> reused = DataSet.existing(data.options(), dataDir);
        if (reused.isPresent()) {
            table.row("generate", "reused " + DATA_DIR + "/ (same options)", Units.count(reused.get().rows()));
            return reused.get();
        }
        dropWarehouse(database);
        DataSet.Generated generated = DataSet.generate(data.options(), dataDir, err, terminal);
        table.row("generate", generated.manifest().files().size() + " files", Units.count(generated.rows()), "", "",
                "", Units.duration(generated.time()));
        return generated;
    }

    private static String[] loadRow(Warehouse wh, SourceReport source) {
        String what = source.file() + " " + Units.ARROW + " " + wh.table(Layer.RAW, source.source().code()).sql();
        if (source.skipped()) {
            return new String[] {"load", what, "", "loaded before", "", "", Units.duration(source.time())};
        }
        return new String[] {"load", what, Units.count(source.read()), Units.count(source.loaded()),
            Units.count(source.rejected()), Units.count(source.duplicates()), Units.duration(source.time()),
            Units.rate(source.rowsPerSecond())};
    }

    private static String byRule(Map<String, Long> counts) {
        StringJoiner rules = new StringJoiner(", ");
        counts.forEach((rule, n) -> rules.add(rule + " " + Units.count(n)));
        return rules.toString();
    }

    private static void dropWarehouse(Path database) {
        try {
            Files.deleteIfExists(database);
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + ".wal"));
        } catch (IOException e) {
            throw new WarehouseException("cannot replace the warehouse " + database + " (built from other data): "
                    + ErrorText.of(e), e);
        }
    }
}
