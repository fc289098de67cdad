package dev.bookstore.examples.cli;

import dev.bookstore.examples.http.HtmlReport;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bookstore report}: the dashboard for a date range as one self-contained HTML file. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Write the dashboard for a date range as one self-contained HTML file (data, styles and "
                + "scripts inline) that opens offline in any browser, e.g. to e-mail.",
            "Example: bookstore report --db jdbc:duckdb:./bookstore-data/bookstore.duckdb --models "
                + "./bookstore-data/models --from 2025-10-01 --to 2025-12-31 --out report.html"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--models", paramLabel = "DIR", description = "Folder of model files (churn scores need it).")
    private Path models;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (inclusive), yyyy-MM-dd.")
    private java.time.LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day (inclusive), yyyy-MM-dd.")
    private java.time.LocalDate to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    private Path out;

    @Override
    public Integer call() {
        if (from.isAfter(to)) {
            throw new ParameterException(spec.commandLine(), "Invalid values: --from " + from + " is after --to " + to
                    + " (both days are inclusive)");
        }
        if (models != null && !Files.isDirectory(models)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--models': " + models
                    + " is not a folder");
        }
        PrintWriter o = spec.commandLine().getOut();
        long start = System.nanoTime();
        try (Warehouse wh = warehouse.connect()) {
            int answers = HtmlReport.write(wh, Optional.ofNullable(models), DateRange.of(from, to), out);
            o.printf(java.util.Locale.ROOT, "wrote %s (%,d bytes, %d answers) in %.1f s%n", out,
                    out.toFile().length(), answers, (System.nanoTime() - start) / 1e9);
        }
        o.flush();
        return 0;
    }
}
