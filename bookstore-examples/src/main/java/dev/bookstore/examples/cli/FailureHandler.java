package dev.bookstore.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a command that failed as exactly one line on stderr, {@code error: what and where}, preceded by the
 * stack trace only under {@code --verbose}; exit code 1.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (BookstoreCli.verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.println("error: " + ErrorText.of(ex));
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }
}
