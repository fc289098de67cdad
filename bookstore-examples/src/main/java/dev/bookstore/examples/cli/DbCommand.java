package dev.bookstore.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bookstore db}: the group of warehouse commands; by itself it is a usage error. */
@Command(name = "db",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Warehouse commands.",
        subcommands = DbInitCommand.class)
final class DbCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
