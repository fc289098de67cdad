package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.Manifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The CLI run in-process: exit codes, the one-line failure contract, help and version, generate. */
class BookstoreCliTest {
    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BookstoreCli.commandLine(new PrintWriter(out), new PrintWriter(err), false).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run r = run("no-such-command");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().startsWith("error: ") && r.err().contains("'no-such-command'"), r::toString);
        assertTrue(r.err().contains("Usage: bookstore"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("generate", "--out", "x", "--no-such-option");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--no-such-option") && r.err().contains("try: bookstore generate --help"),
                r::toString);
        assertFalse(r.err().contains("Usage:"), "one line and a pointer to --help, not the whole usage: " + r);
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run().exit());
        assertEquals(2, run("db").exit());
    }

    @Test
    void negativeCountIsAUsageErrorNamingTheOption(@TempDir Path dir) {
        Run r = run("generate", "--customers", "-5", "--out", dir.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().startsWith("error: Invalid value for option '--customers': "), r::toString);
        assertTrue(r.err().contains("-5"), r::toString);
    }

    @Test
    void badSwitchValueIsAUsageError(@TempDir Path dir) {
        Run r = run("generate", "--problems", "maybe", "--out", dir.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'--problems'") && r.err().contains("'maybe'"), r::toString);
    }

    @Test
    void failureIsOneLineWithoutStackTrace() {
        Run r = run("db", "init", "--db", "jdbc:nope:x");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().startsWith("error: ") && r.err().contains("jdbc:nope:x"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run r = run("db", "init", "--db", "jdbc:nope:x", "--verbose");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("error: cannot connect to jdbc:nope:x"), r::toString);
    }

    @Test
    void dbInitSaysWhatItDidAndIsIdempotent(@TempDir Path dir) {
        String url = "jdbc:duckdb:" + dir.resolve("w.duckdb");
        Run first = run("db", "init", "--db", url, "--namespace", "shop");
        assertEquals(0, first.exit(), first::toString);
        assertTrue(first.out().matches("schema version 0 (→|->) [1-9]\\d*\\R"), first::toString);
        Run again = run("db", "init", "--db", url, "--namespace", "shop");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().matches("already at version [1-9]\\d*\\R"), again::toString);
    }

    @Test
    void badNamespaceIsAUsageError() {
        Run r = run("db", "init", "--db", "jdbc:h2:mem:", "--namespace", "Not-OK");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("'--namespace'"), r::toString);
    }

    @Test
    void generateWritesTheFilesAndPrintsTheirCounts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Run r = run("generate", "--customers", "300", "--products", "50", "--months", "1", "--events", "2000",
                "--seed", "7", "--problems", "on", "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        Manifest m = Manifest.read(out);
        assertEquals(300, m.files().get(Generator.CUSTOMERS_FILE));
        assertEquals(2000, m.files().get(Generator.EVENTS_FILE));
        assertTrue(m.options().problems());
        for (String file : DataSet.FILES) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
            String count = Units.count(m.files().get(file));
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(file) && l.contains(" " + count + " ")),
                    () -> file + " with " + count + " rows in\n" + r);
        }
        assertTrue(r.out().contains("planted problems: "), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("generated ") && l.matches(".* in [\\d.,]+ m?s .*")),
                r::toString);
    }

    static Stream<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(BookstoreCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                false), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cmd.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, into);
        });
    }

    @ParameterizedTest(name = "bookstore {0} --help")
    @MethodSource("everyCommand")
    void everyCommandHasHelpAndVersion(List<String> path) {
        List<String> help = new ArrayList<>(path);
        help.add("--help");
        Run r = run(help.toArray(String[]::new));
        String usage = ("Usage: bookstore " + String.join(" ", path)).strip();
        assertAll(() -> assertEquals(0, r.exit(), r::toString),
                () -> assertTrue(r.out().startsWith(usage), r::toString),
                () -> assertEquals("", r.err()));

        List<String> version = new ArrayList<>(path);
        version.add("--version");
        Run v = run(version.toArray(String[]::new));
        assertEquals(0, v.exit(), v::toString);
        assertTrue(v.out().startsWith("bookstore "), v::toString);
    }
}
