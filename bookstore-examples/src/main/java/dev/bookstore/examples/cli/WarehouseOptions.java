package dev.bookstore.examples.cli;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.NotFoundException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    /**
     * Connects to an existing warehouse: an embedded database file (DuckDB, H2) that does not exist is an error
     * saying how to create it, never a new empty file; a bad namespace is a usage error naming the option.
     */
    Warehouse connect() {
        requireExistingFile(url);
        return connectOrCreate();
    }

    /** Connects to the warehouse, creating an embedded database file when there is none (for loading commands). */
    Warehouse connectOrCreate() {
        WarehouseConfig config;
        try {
            config = WarehouseConfig.defaults().withNamespace(namespace);
        } catch (BookstoreException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--namespace': "
                    + e.getMessage());
        }
        return Warehouse.connect(url, config);
    }

    /** Fails when {@code jdbcUrl} names an embedded database file that does not exist. */
    static void requireExistingFile(String jdbcUrl) {
        Optional<Path> file = embeddedFile(jdbcUrl);
        if (file.isPresent() && !Files.exists(file.get())) {
            throw new NotFoundException("warehouse", file.get().toString(), "no warehouse at " + file.get()
                    + " (the file does not exist): create and load it first with `bookstore quickstart` or "
                    + "`bookstore run --db " + jdbcUrl + " --data DIR`");
        }
    }

    /** The database file of an embedded DuckDB or H2 URL; empty for in-memory and server URLs. */
    static Optional<Path> embeddedFile(String jdbcUrl) {
        String u = jdbcUrl.strip();
        int q = u.indexOf('?');
        if (u.startsWith("jdbc:duckdb:")) {
            String path = (q < 0 ? u : u.substring(0, q)).substring("jdbc:duckdb:".length());
            return path.isEmpty() || path.startsWith("memory:") || path.startsWith(":memory:")
                    ? Optional.empty() : Optional.of(Path.of(path));
        }
        if (u.startsWith("jdbc:h2:")) {
            int semicolon = u.indexOf(';');
            String path = (semicolon < 0 ? u : u.substring(0, semicolon)).substring("jdbc:h2:".length());
            path = path.startsWith("file:") ? path.substring("file:".length()) : path;
            return path.startsWith("mem:") || path.startsWith("tcp:") || path.startsWith("ssl:") || path.isEmpty()
                    ? Optional.empty() : Optional.of(Path.of(path + ".mv.db"));
        }
        return Optional.empty();
    }
}
