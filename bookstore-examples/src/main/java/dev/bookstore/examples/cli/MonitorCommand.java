package dev.bookstore.examples.cli;

import dev.bookstore.ml.ModelFile;
import dev.bookstore.ml.ModelHealth;
import dev.bookstore.ml.ModelHealthRun;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bookstore monitor}: drift (PSI) of features and score, and realised AUC once outcomes are known; each
 * check is stored as a run in the warehouse; {@code --history} lists the stored runs.
 */
@Command(name = "monitor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Compare current data with the churn model's training data: PSI per feature and of the "
                + "score; the realised AUC once the outcome window has passed. Each check is stored as a run in "
                + "the warehouse (meta.model_health_runs, meta.model_health_features).",
            "With --history, list the stored runs instead."})
final class MonitorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--models", paramLabel = "DIR", description = "Folder of model files (required for a check).")
    private Path models;

    @Option(names = "--as-of", paramLabel = "DATE", description = AsOfDay.HELP)
    private LocalDate asOf;

    @Option(names = "--history", description = "List the stored runs, oldest first, and check nothing.")
    private boolean history;

    @Option(names = "--no-store", description = "Print the check without storing it as a run.")
    private boolean noStore;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (history) {
            try (Warehouse wh = warehouse.connect()) {
                wh.init();
                printHistory(out, ModelHealth.history(wh));
            }
            out.flush();
            return 0;
        }
        if (models == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--models=DIR' "
                    + "(or use --history)");
        }
        var model = ModelFile.read(models.resolve(TrainCommand.CHURN_FILE));
        try (Warehouse wh = warehouse.connect()) {
            AsOfDay day = AsOfDay.of(wh, java.util.Optional.ofNullable(asOf));
            out.println(day.line());
            ModelHealth health = ModelHealth.check(wh, model, day.day());
            out.println(health.report());
            if (!noStore) {
                wh.init();
                ModelHealthRun run = health.store(wh);
                out.println("stored as run " + run.runId() + " at " + run.recordedAt());
            }
        }
        out.flush();
        return 0;
    }

    private static void printHistory(PrintWriter out, List<ModelHealthRun> runs) {
        if (runs.isEmpty()) {
            out.println("no stored model health runs");
            return;
        }
        TextTable table = new TextTable("recorded at", "run", "model", "trained", "as of", ">score PSI",
                ">realised AUC", "most drifted feature");
        for (ModelHealthRun r : runs) {
            ModelHealth h = r.health();
            table.row(r.recordedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    r.runId().substring(0, 8), h.modelKind() + " " + h.modelFingerprint().substring(0, 12),
                    h.trainAsOf().toString(), h.asOf().toString(), String.format(Locale.ROOT, "%.4f", h.scorePsi()),
                    h.realisedAuc().isPresent() ? String.format(Locale.ROOT, "%.4f", h.realisedAuc().getAsDouble())
                            : "-",
                    h.features().isEmpty() ? "" : String.format(Locale.ROOT, "%s %.4f", h.features().get(0).feature(),
                            h.features().get(0).psi()));
        }
        table.print(out);
    }
}
