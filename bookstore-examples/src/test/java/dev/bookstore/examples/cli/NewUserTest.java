package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.generator.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user trips over (issue 19): nothing hidden, nothing stuck, messages that say what to do. */
class NewUserTest {

    @Test
    void runPrintsWhatBecameOfEveryRowPerSource(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        BookstoreCliTest.Run gen = BookstoreCliTest.run("generate", "--out", data.toString(), "--customers", "400",
                "--products", "80", "--months", "1", "--events", "3000", "--problems", "on");
        assertEquals(0, gen.exit(), gen.err());
        Manifest.Problems planted = Manifest.read(data).truth().problems();
        assertTrue(planted.unknownProducts() > 0 && planted.malformedJsonLines() > 0, planted.toString());
        String db = "jdbc:duckdb:" + dir.resolve("wh.duckdb");

        BookstoreCliTest.Run run = BookstoreCliTest.run("run", "--db", db, "--data", data.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        String orders = lines.stream().filter(l -> l.startsWith("orders ")).findFirst().orElseThrow();
        List<String> cells = List.of(orders.trim().split(" +"));
        assertEquals(Units.count(Manifest.read(data).truth().orders().fileRows()), cells.get(2), orders);
        assertEquals(Units.count(planted.duplicateOrderLines()), cells.get(6), orders);
        String rejected = lines.stream().filter(l -> l.startsWith("rejected orders: ")).findFirst().orElseThrow();
        assertTrue(rejected.contains("unknown_product=" + planted.unknownProducts()), rejected);
        assertTrue(run.out().contains("rejected events: {malformed_json=" + planted.malformedJsonLines() + "}"),
                run.out());
        assertTrue(run.out().contains("--replay-quarantine orders"), "how to recover unknown products: " + run.out());
        for (String step : new String[] {"ingest", "transform", "test"}) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(step + " ")), run.out());
        }

        BookstoreCliTest.Run again = BookstoreCliTest.run("run", "--db", db, "--data", data.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().lines().filter(l -> l.contains("loaded before")).count() == 4, again.out());
    }

    @Test
    void aBadDateIsOneShortLineNamingTheFormat() {
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", "jdbc:duckdb:", "--from", "01/11/2025",
                "--to", "2025-11-30");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(List.of("error: Invalid value for option '--from': '01/11/2025' is not a date: use yyyy-MM-dd, "
                + "e.g. 2025-11-01", "try: bookstore metrics --help"), r.err().lines().toList());
    }

    @Test
    void enumValuesAreListedAndCaseInsensitive() {
        BookstoreCliTest.Run grain = BookstoreCliTest.run("metrics", "--db", "jdbc:duckdb:", "--from", "2025-11-01",
                "--to", "2025-11-30", "--grain", "fortnight");
        assertEquals(2, grain.exit(), grain::toString);
        assertTrue(grain.err().startsWith("error: Invalid value for option '--grain': 'fortnight' is not one of day, "
                + "week, month, quarter"), grain::toString);
        BookstoreCliTest.Run policy = BookstoreCliTest.run("ingest", "--db", "jdbc:duckdb:", "--orders", "x.csv",
                "--date-policy", "sideways");
        assertEquals(2, policy.exit(), policy::toString);
        assertTrue(policy.err().contains("'sideways' is not one of day-first, month-first, reject-ambiguous"),
                policy::toString);
        BookstoreCliTest.Run algorithm = BookstoreCliTest.run("train", "--db", "jdbc:duckdb:", "--models", "m",
                "--algorithm", "trees");
        assertEquals(2, algorithm.exit(), algorithm::toString);
        assertTrue(algorithm.err().contains("FOREST, BOOSTING"), algorithm::toString);

        picocli.CommandLine cli = BookstoreCli.commandLine(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()), false);
        picocli.CommandLine.ParseResult parsed = cli.parseArgs("train", "--db", "jdbc:duckdb:", "--models", "m",
                "--algorithm", "boosting", "--calibration", "Isotonic", "--recs-method", "co_occurrence");
        assertEquals(dev.bookstore.ml.ChurnOptions.Algorithm.BOOSTING,
                parsed.subcommand().matchedOptionValue("--algorithm", null));
        assertEquals(dev.bookstore.ml.ChurnOptions.Calibration.ISOTONIC,
                parsed.subcommand().matchedOptionValue("--calibration", null));
        assertEquals(IngestCommand.FileFormat.ONLINE_RETAIL, cli.parseArgs("ingest", "--db", "jdbc:duckdb:",
                "--orders", "x", "--format", "Online-Retail").subcommand().matchedOptionValue("--format", null));
    }

    @Test
    void readCommandsOnAMissingWarehouseFileCreateNothing(@TempDir Path dir) {
        Path file = dir.resolve("missing.duckdb");
        String db = "jdbc:duckdb:" + file;
        for (String[] args : List.of(
                new String[] {"metrics", "--db", db, "--from", "2025-11-01", "--to", "2025-11-30"},
                new String[] {"segments", "--db", db},
                new String[] {"test", "--db", db},
                new String[] {"transform", "--db", db})) {
            BookstoreCliTest.Run r = BookstoreCliTest.run(args);
            assertEquals(1, r.exit(), r::toString);
            assertEquals(List.of("error: no warehouse at " + file + " (the file does not exist): create and load it "
                    + "first with `bookstore quickstart` or `bookstore run --db " + db + " --data DIR`"),
                    r.err().lines().toList(), args[0]);
            assertFalse(Files.exists(file), args[0] + " created the file");
        }
    }

    @Test
    void aWarehouseWithoutMartsSaysWhichCommandBuildsThem(@TempDir Path dir) {
        String db = "jdbc:duckdb:" + dir.resolve("empty.duckdb");
        assertEquals(0, BookstoreCliTest.run("db", "init", "--db", db).exit());
        BookstoreCliTest.Run r = BookstoreCliTest.run("metrics", "--db", db, "--from", "2025-11-01", "--to",
                "2025-11-30");
        assertEquals(1, r.exit(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().contains("`bookstore run --db URL --data DIR`"), r::toString);
        assertFalse(r.err().contains("Warehouse.init()"), r::toString);
    }

    @Test
    void helpDoesNotHideAnUnknownCommandOrOption() {
        assertEquals(2, BookstoreCliTest.run("no-such-command", "--help").exit());
        assertEquals(2, BookstoreCliTest.run("generate", "--no-such-option", "--help").exit());
        assertEquals(0, BookstoreCliTest.run("generate", "--help").exit());
    }
}
