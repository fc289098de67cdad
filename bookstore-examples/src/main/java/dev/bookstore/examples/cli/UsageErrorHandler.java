package dev.bookstore.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports invalid input (unknown command or option, bad value) as {@code error: ...}, picocli's suggestions and
 * the usage message of the command concerned, all on stderr; exit code 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ErrorText.oneLine(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println();
        cmd.usage(err, cmd.getColorScheme());
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
