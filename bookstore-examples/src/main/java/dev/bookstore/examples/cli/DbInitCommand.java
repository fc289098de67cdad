package dev.bookstore.examples.cli;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.SchemaChange;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bookstore db init}: creates or upgrades the warehouse schema and says which version it is at. */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Create the warehouse schema, or upgrade it to this version; safe to run again.",
            "Examples of URLs:",
            "  jdbc:duckdb:./bookstore.duckdb",
            "  jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
            "  jdbc:mariadb://127.0.0.1:3306/test?user=root&password=",
            "  jdbc:h2:./bookstore"})
final class DbInitCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "URL", description = "JDBC URL of the database.")
    private String url;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "",
            description = "Prefix for every schema (ns_raw, ns_marts, ...; ns_raw_orders on MariaDB); none by default.")
    private String namespace;

    @Override
    public Integer call() {
        WarehouseConfig config;
        try {
            config = WarehouseConfig.defaults().withNamespace(namespace);
        } catch (BookstoreException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--namespace': "
                    + e.getMessage());
        }
        try (Warehouse wh = Warehouse.connect(url, config)) {
            spec.commandLine().getOut().println(describe(wh.init()));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@code schema version 0 → 1}, or {@code already at version 1} when nothing changed. */
    static String describe(SchemaChange change) {
        return change.changed()
                ? "schema version " + change.fromVersion() + " " + Units.ARROW + " " + change.toVersion()
                : "already at version " + change.toVersion();
    }
}
