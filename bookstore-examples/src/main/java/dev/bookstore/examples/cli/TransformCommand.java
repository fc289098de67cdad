package dev.bookstore.examples.cli;

import dev.bookstore.etl.ModelRun;
import dev.bookstore.etl.Transform;
import dev.bookstore.etl.TransformReport;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore transform}: builds the staging, intermediate and mart models from the raw layer. */
@Command(name = "transform",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Build the warehouse models (staging -> intermediate -> marts) from the raw layer.",
            "Incremental models merge only their look-back window unless --full-refresh is given."})
final class TransformCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--full-refresh", description = "Rebuild incremental models from all their input.")
    private boolean fullRefresh;

    @Option(names = "--select", paramLabel = "MODEL",
            description = "Run only this model and what depends on it (repeatable).")
    private List<String> select = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            wh.init();
            Transform transform = Transform.on(wh);
            if (fullRefresh) {
                transform = transform.fullRefresh();
            }
            if (!select.isEmpty()) {
                transform = transform.select(select.toArray(String[]::new));
            }
            TransformReport report = transform.run();
            print(report, out);
            out.flush();
            if (!report.succeeded()) {
                throw new WarehouseException(report.failed().size() + " model(s) failed, first "
                        + report.failed().get(0).model() + ": " + report.failed().get(0).error().orElse("?"));
            }
        }
        return 0;
    }

    /** Prints one line per model: name, layer, how it was built, rows, time. */
    static void print(TransformReport report, PrintWriter out) {
        TextTable table = new TextTable("model", "layer", "kind", "mode", "status", ">rows", ">time");
        for (ModelRun run : report.models()) {
            table.row(run.model(), run.layer().word(), run.materialization().name().toLowerCase(java.util.Locale.ROOT),
                    run.mode().word(), run.status().name().toLowerCase(java.util.Locale.ROOT),
                    Units.count(run.rows()), Units.duration(run.elapsed()));
        }
        table.row("total", "", "", "", "", Units.count(report.rows()), Units.duration(report.elapsed()));
        table.print(out);
    }
}
