package dev.bookstore.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports invalid input as {@code error: ...} on stderr, exit code 2: a bad value or a missing option in one line
 * followed by {@code try: bookstore CMD --help}; an unknown command or option also with picocli's suggestions, and
 * with the usage message when the command has subcommands (so that they are listed).
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ErrorText.oneLine(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        if (!cmd.getSubcommands().isEmpty()) {
            err.println();
            cmd.usage(err, cmd.getColorScheme());
        } else {
            err.println("try: " + cmd.getCommandSpec().qualifiedName() + " --help");
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
