package dev.bookstore.examples.cli;

import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.Pipeline;
import dev.bookstore.model.generator.Manifest;
import java.io.IOException;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore run}: the whole pipeline (ingest, transform, test) on a generated data folder. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run the pipeline ingest -> transform -> test on a folder of generator-format files.",
            "Runs are serialised by a warehouse lock; a failed run is resumed from its failed step."})
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Folder holding raw_customers.csv, raw_products.csv, raw_orders.csv, "
                    + "clickstream_events.jsonl.")
    private Path data;

    @Option(names = "--full-refresh", description = "Rebuild incremental models from all their input.")
    private boolean fullRefresh;

    @Option(names = "--no-resume", description = "Start from the first step even when the last run failed.")
    private boolean noResume;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long to wait for a concurrent run to finish (0 = fail at once; default ${DEFAULT-VALUE}).")
    private long lockWaitSeconds;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connectOrCreate()) {
            Pipeline pipeline = Pipeline.on(wh).data(data).resume(!noResume)
                    .lockWait(Duration.ofSeconds(Math.max(0, lockWaitSeconds)));
            if (Files.isRegularFile(data.resolve(Manifest.FILE_NAME))) {
                // a generated data set: future dates are judged at the end of its window, as quickstart does
                Manifest manifest = Manifest.read(data);
                pipeline = pipeline.ingestOptions(IngestOptions.defaults()
                        .withClock(WarehouseLoad.endOfWindow(manifest)));
                out.println("generated data (" + Manifest.FILE_NAME + "): dates from the day after its window, "
                        + manifest.truth().window().endExclusive() + ", on are rejected as future_date");
            }
            if (fullRefresh) {
                pipeline = pipeline.fullRefresh();
            }
            print(pipeline.run(), out);
        }
        out.flush();
        return 0;
    }

    /**
     * Prints what ingest did per source (read, loaded, rejected per rule, duplicates), then one line per step:
     * name, status, rows, time.
     */
    static void print(Pipeline.Report report, PrintWriter out) {
        report.ingest().ifPresent(ingest -> {
            IngestCommand.print(ingest, out);
            out.println();
        });
        TextTable table = new TextTable("step", "status", ">rows", ">time");
        for (Pipeline.StepResult s : report.steps()) {
            table.row(s.step(), s.status().word(), Units.count(s.rows()), Units.duration(s.elapsed()));
        }
        table.row("total", "", "", Units.duration(report.elapsed()));
        table.print(out);
        out.println("run " + report.runId() + report.resumedFrom().map(r -> " (resumed " + r + ")").orElse(""));
    }
}
