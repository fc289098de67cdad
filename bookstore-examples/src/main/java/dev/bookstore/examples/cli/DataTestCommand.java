package dev.bookstore.examples.cli;

import dev.bookstore.etl.DataTestReport;
import dev.bookstore.etl.DataTestResult;
import dev.bookstore.etl.Transform;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bookstore test}: runs the data tests declared beside the models; exit 1 when an error-level one fails. */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run the data tests of the warehouse models (not null, unique, accepted values, "
                + "relationships, reconciliations).",
            "Results are stored with the run id in the meta layer. Exit 1 when an error-level test fails."})
final class DataTestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            DataTestReport report = Transform.on(wh).test();
            print(report, out);
            out.flush();
            if (report.hasErrors()) {
                throw new WarehouseException(report.errors().size() + " data test(s) failed, first "
                        + report.errors().get(0).test() + " on " + report.errors().get(0).model());
            }
        }
        return 0;
    }

    /** Prints one line per data test: test, model, failing rows, status. */
    static void print(DataTestReport report, PrintWriter out) {
        TextTable table = new TextTable("test", "model", ">failing rows", "severity", "status");
        for (DataTestResult r : report.results()) {
            table.row(r.test(), r.model(), Units.count(r.failingRows()),
                    r.severity().name().toLowerCase(Locale.ROOT), r.status().name().toLowerCase(Locale.ROOT));
        }
        table.print(out);
        long passed = report.results().stream().filter(r -> r.status() == DataTestResult.Status.PASS).count();
        out.println(passed + " of " + report.results().size() + " data tests passed (run " + report.runId() + ")");
    }
}
