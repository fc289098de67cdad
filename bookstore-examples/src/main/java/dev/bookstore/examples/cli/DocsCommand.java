package dev.bookstore.examples.cli;

import dev.bookstore.etl.DocsFiles;
import dev.bookstore.etl.Transform;
import dev.bookstore.model.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bookstore docs}: writes the data dictionary, the lineage graph and one HTML page showing both. */
@Command(name = "docs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write the data dictionary (Markdown), the lineage (Mermaid) and a self-contained HTML page.")
final class DocsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the docs into.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        try (Warehouse wh = warehouse.connect()) {
            DocsFiles files = Transform.on(wh).docs(out);
            w.println("data dictionary: " + files.dataDictionary());
            w.println("lineage:         " + files.lineage());
            w.println("html:            " + files.html());
        }
        w.flush();
        return 0;
    }
}
