package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}, {@code transform}, {@code test} and {@code docs} on an embedded warehouse. */
class PipelineCommandsTest {

    @Test
    void runThenTransformTestAndDocs(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        BookstoreCliTest.Run gen = BookstoreCliTest.run("generate", "--out", data.toString(), "--customers", "500",
                "--products", "100", "--months", "2", "--events", "5000");
        assertEquals(0, gen.exit(), gen.err());
        String db = "jdbc:duckdb:" + dir.resolve("wh.duckdb");

        BookstoreCliTest.Run run = BookstoreCliTest.run("run", "--db", db, "--data", data.toString());
        assertEquals(0, run.exit(), run.err());
        for (String step : new String[] {"ingest", "transform", "test"}) {
            assertTrue(run.out().contains(step), run.out());
        }

        BookstoreCliTest.Run transform = BookstoreCliTest.run("transform", "--db", db, "--select", "fct_orders");
        assertEquals(0, transform.exit(), transform.err());
        assertTrue(transform.out().contains("fct_orders"), transform.out());

        BookstoreCliTest.Run tests = BookstoreCliTest.run("test", "--db", db);
        assertEquals(0, tests.exit(), tests.err());
        assertTrue(tests.out().matches("(?s).*(\\d+) of \\1 data tests passed.*"), tests.out());

        Path docs = dir.resolve("docs");
        BookstoreCliTest.Run doc = BookstoreCliTest.run("docs", "--db", db, "--out", docs.toString());
        assertEquals(0, doc.exit(), doc.err());
        try (var files = Files.list(docs)) {
            assertTrue(files.count() >= 3);
        }
    }

    @Test
    void anUnknownModelIsAOneLineFailure(@TempDir Path dir) {
        String db = "jdbc:duckdb:" + dir.resolve("wh.duckdb");
        assertEquals(0, BookstoreCliTest.run("db", "init", "--db", db).exit());
        BookstoreCliTest.Run r = BookstoreCliTest.run("transform", "--db", db, "--select", "no_such_model");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no_such_model"), r.err());
    }
}
