package dev.bookstore.examples.cli;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command on an existing warehouse shares: {@code --db URL [--namespace NS]}. */
final class WarehouseOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "JDBC URL of the warehouse, e.g. jdbc:duckdb:./bookstore-data/bookstore.duckdb")
    private String url;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "",
            description = "Namespace the warehouse was created with (none by default).")
    private String namespace;

    /** Connects to the warehouse; a bad namespace is a usage error naming the option. */
    Warehouse connect() {
        WarehouseConfig config;
        try {
            config = WarehouseConfig.defaults().withNamespace(namespace);
        } catch (BookstoreException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--namespace': "
                    + e.getMessage());
        }
        return Warehouse.connect(url, config);
    }
}
