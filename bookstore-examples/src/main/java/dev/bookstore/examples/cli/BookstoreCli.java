package dev.bookstore.examples.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code bookstore} command line: glue and presentation over the Bookstore Analytics library.
 *
 * <p>Exit codes: 0 success; 1 failure, reported as one line on stderr (the stack trace only with
 * {@code --verbose}); 2 usage error (unknown command or option, bad value, also with {@code --help}), reported
 * as one line and a pointer to {@code --help} (an unknown or missing command also lists the commands). Enum values
 * are case-insensitive; days are {@code yyyy-MM-dd}.
 *
 * <pre>{@code
 * int exit = BookstoreCli.commandLine(out, err, false).execute("generate", "--out", "data");
 * }</pre>
 */
@Command(name = "bookstore",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Bookstore Analytics: generate data, set up a warehouse, load, transform and test it.",
        subcommands = {QuickstartCommand.class, GenerateCommand.class, DbCommand.class, RunCommand.class,
            TransformCommand.class, DataTestCommand.class, DocsCommand.class, TrainCommand.class,
            ScoreCommand.class, SegmentsCommand.class, MonitorCommand.class,
            MetricsCommand.class, IngestCommand.class, ServeCommand.class, ReportCommand.class, ClvCommand.class,
            ForecastCommand.class, RecommendCommand.class, StreamCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure (one line on stderr; --verbose adds the stack trace), "
                + "2 usage error."})
public final class BookstoreCli implements Callable<Integer> {
    /** System property the launcher sets to {@code true} when stderr is a terminal. */
    static final String STDERR_TERMINAL = "bookstore.stderr.terminal";

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log more (Bookstore's own debug messages) and print stack traces of failures.")
    private boolean verbose;

    private final boolean stderrIsTerminal;

    private BookstoreCli(boolean stderrIsTerminal) {
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        boolean terminal = Boolean.parseBoolean(System.getProperty(STDERR_TERMINAL,
                Boolean.toString(System.console() != null)));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = commandLine(out, err, terminal).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory (Java heap at most " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB; the ./bookstore launcher caps it at 512 MB): give more, e.g. BOOKSTORE_JAVA_OPTS=-Xmx4g");
            code = 1;
        }
        System.exit(code);
    }

    /**
     * The configured command line, writing to {@code out} and {@code err}.
     *
     * @param stderrIsTerminal whether progress may rewrite a line in place on {@code err}
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean stderrIsTerminal) {
        CommandLine cmd = new CommandLine(new BookstoreCli(stderrIsTerminal));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionStrategy(BookstoreCli::execute);
        cmd.setExecutionExceptionHandler(new FailureHandler());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.registerConverter(LocalDate.class, BookstoreCli::date);
        return cmd;
    }

    /** A day as {@code yyyy-MM-dd}; anything else is a one-line usage error naming the format. */
    static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date: use yyyy-MM-dd, e.g. 2025-11-01");
        }
    }

    private static int execute(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            // picocli lets --help win over an unknown command or option; that is still a usage error
            if (!pr.errors().isEmpty()) {
                throw pr.errors().get(0) instanceof ParameterException p ? p
                        : new ParameterException(pr.commandSpec().commandLine(), pr.errors().get(0).getMessage());
            }
            if (!pr.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(pr.commandSpec().commandLine(), pr.unmatched());
            }
        }
        if (verbose(parseResult)) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.dev.bookstore", "debug");
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** Whether {@code --verbose} was given anywhere on the command line. */
    static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The root command of the command line {@code spec} belongs to. */
    static BookstoreCli of(CommandSpec spec) {
        return (BookstoreCli) spec.root().userObject();
    }

    /** Whether progress may rewrite a line in place on stderr. */
    boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
