package dev.bookstore.examples.cli;

import dev.bookstore.model.generator.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore generate}: writes a deterministic synthetic data set and prints a line per file. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = DataSetOptions.Defaults.class,
        description = {"Write a synthetic bookstore data set: raw_orders.csv, raw_customers.csv, raw_products.csv, "
                + "clickstream_events.jsonl and manifest.json (counts, options and the planted truth).",
            "The same options always give byte-identical files; existing files of these names are replaced."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataSetOptions data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into "
            + "(created if missing).")
    private Path out;

    @Override
    public Integer call() {
        BookstoreCli root = BookstoreCli.of(spec);
        DataSet.Generated generated = DataSet.generate(data.options(), out, spec.commandLine().getErr(),
                root.stderrIsTerminal());
        print(generated, spec.commandLine().getOut());
        return 0;
    }

    private static void print(DataSet.Generated generated, PrintWriter out) {
        Manifest m = generated.manifest();
        TextTable table = new TextTable("file", ">rows", ">size");
        m.files().forEach((file, rows) -> table.row(file, Units.count(rows), Units.bytes(generated.sizeOf(file))));
        table.print(out);
        out.println("generated " + Units.count(generated.rows()) + " rows in " + m.files().size() + " files into "
                + generated.dir() + " in " + Units.duration(generated.time()) + " (seed " + m.options().seed()
                + ", problems " + (m.options().problems() ? "on" : "off") + ")");
        if (m.options().problems()) {
            out.println("planted problems: " + DataSet.describeProblems(m));
        }
        out.flush();
    }
}
