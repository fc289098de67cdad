package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}, {@code score churn}, {@code segments} and {@code monitor} on a small embedded warehouse. */
class ModelCommandsTest {

    @Test
    void trainScoreSegmentAndMonitor(@TempDir Path dir) {
        BookstoreCliTest.Run qs = BookstoreCliTest.run("quickstart", "--work", dir.toString(), "--customers", "1500",
                "--products", "200", "--months", "12", "--events", "20000");
        assertEquals(0, qs.exit(), qs.err());
        String db = "jdbc:duckdb:" + dir.resolve("bookstore.duckdb");
        Path models = dir.resolve("models");
        String arrow = java.util.regex.Pattern.quote(Units.ARROW);
        assertTrue(qs.out().lines().anyMatch(l -> l.matches("train +clv (bgnbd|paretonbd|mbgnbd) by AIC \\(fit on "
                + "([\\d,]+) customers\\) " + arrow + " customer_clv \\2 rows .*")), qs.out());
        assertTrue(qs.out().lines().anyMatch(l -> l.matches("train +forecast MASE \\d\\.\\d{3} \\((naive|"
                + "seasonal_naive) \\d\\.\\d{3}\\), \\d+ to reorder " + arrow + " demand_forecast [\\d,]+ rows .*")),
                qs.out());

        String latest = latestOrderDay(dir.resolve("bookstore.duckdb"));
        String defaulted = "as of " + latest + " (the warehouse's latest data day)";
        BookstoreCliTest.Run train = BookstoreCliTest.run("train", "--db", db, "--models", models.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().startsWith(defaulted + "\n"), train.out());
        assertTrue(train.out().contains("AUC"), train.out());
        assertTrue(train.out().contains("reliability after calibration"), train.out());
        assertTrue(train.out().matches("(?s).*calibration (platt|isotonic|none) on the evaluation outcomes: "
                + "Brier 0\\.\\d{4} before, 0\\.\\d{4} after.*"), train.out());
        assertTrue(Files.isRegularFile(models.resolve(TrainCommand.CHURN_FILE)));
        assertTrue(train.out().contains("rows written to customer_clv"), train.out());
        assertTrue(train.out().contains(Units.ARROW + " demand_forecast"), train.out());

        BookstoreCliTest.Run boosting = BookstoreCliTest.run("train", "--db", db, "--as-of", "2025-12-31", "--models",
                dir.resolve("boosting").toString(), "--algorithm", "BOOSTING", "--trees", "30", "--max-depth", "4");
        assertEquals(0, boosting.exit(), boosting.err());
        assertTrue(boosting.out().contains("gradient boosting"), boosting.out());
        assertTrue(Files.isRegularFile(dir.resolve("boosting").resolve(TrainCommand.CHURN_FILE)));
        BookstoreCliTest.Run boosted = BookstoreCliTest.run("score", "churn", "--db", db, "--models",
                dir.resolve("boosting").toString(), "--customer", "CUST_1");
        assertEquals(0, boosted.exit(), boosted.err());
        assertTrue(boosted.out().contains("churn probability"), boosted.out());

        BookstoreCliTest.Run score = BookstoreCliTest.run("score", "churn", "--db", db, "--models", models.toString(),
                "--customer", "CUST_1");
        assertEquals(0, score.exit(), score.err());
        assertTrue(score.out().matches("(?s)customer CUST_1 " + java.util.regex.Pattern.quote(defaulted)
                + ": churn probability [01]\\.\\d{3} \\((platt|isotonic|none) calibration\\)\n.*"), score.out());
        java.util.List<String> lines = score.out().lines().toList();
        assertEquals("top contributing features:", lines.get(1), score.out());
        assertTrue(lines.get(2).matches("feature +value +training median +effect"), score.out());
        assertTrue(lines.size() - 3 <= 5, "at most five contributions by default: " + score.out());
        for (String line : lines.subList(3, lines.size())) {
            assertTrue(line.matches("[a-z0-9_]+ +-?\\d+\\.\\d\\d +-?\\d+\\.\\d\\d +[+-]\\d\\.\\d{3}"), line);
            assertTrue(!line.endsWith("+0.000") && !line.endsWith("-0.000"), "no padding with zero effects: " + line);
        }
        BookstoreCliTest.Run top2 = BookstoreCliTest.run("score", "churn", "--db", db, "--models", models.toString(),
                "--customer", "CUST_1", "--top", "2");
        assertEquals(0, top2.exit(), top2.err());
        java.util.List<String> top2Lines = top2.out().lines().toList();
        assertEquals(5, top2Lines.size(), top2.out());
        assertEquals(lines.get(0), top2Lines.get(0));
        for (int i = 3; i < 5; i++) {
            assertEquals(java.util.List.of(lines.get(i).split(" +")), java.util.List.of(top2Lines.get(i).split(" +")),
                    "the top 2 are the first 2 of the top 5");
        }

        BookstoreCliTest.Run unknown = BookstoreCliTest.run("score", "churn", "--db", db, "--models",
                models.toString(), "--customer", "NO_SUCH_CUSTOMER");
        assertEquals(1, unknown.exit());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("NO_SUCH_CUSTOMER"), unknown.err());

        BookstoreCliTest.Run forecast = BookstoreCliTest.run("forecast", "--db", db, "--json", "--top", "3");
        assertEquals(0, forecast.exit(), forecast.err());
        assertEquals(latest, JsonConvention.check(forecast.out()).get("as_of").asText(), "the default day");
        BookstoreCliTest.Run clv = BookstoreCliTest.run("clv", "--db", db, "--as-of", latest, "--json", "--top", "3");
        assertEquals(0, clv.exit(), clv.err());
        JsonConvention.check(clv.out());

        BookstoreCliTest.Run segments = BookstoreCliTest.run("segments", "--db", db);
        assertEquals(0, segments.exit(), segments.err());
        assertTrue(segments.out().startsWith(defaulted + "\n"), segments.out());
        assertTrue(segments.out().contains("silhouette"), segments.out());

        BookstoreCliTest.Run monitor = BookstoreCliTest.run("monitor", "--db", db, "--models", models.toString());
        assertEquals(0, monitor.exit(), monitor.err());
        assertTrue(monitor.out().startsWith(defaulted + "\n"), monitor.out());
        assertTrue(monitor.out().contains("PSI"), monitor.out());
        assertTrue(monitor.out().matches("(?s).*stored as run [0-9a-f-]{36} at \\d{4}-.*"), monitor.out());
        BookstoreCliTest.Run early = BookstoreCliTest.run("monitor", "--db", db, "--models", models.toString(),
                "--as-of", "2025-08-01");
        assertEquals(0, early.exit(), early.err());
        BookstoreCliTest.Run dry = BookstoreCliTest.run("monitor", "--db", db, "--models", models.toString(),
                "--as-of", "2025-09-01", "--no-store");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(!dry.out().contains("stored as run"), dry.out());

        BookstoreCliTest.Run history = BookstoreCliTest.run("monitor", "--db", db, "--history");
        assertEquals(0, history.exit(), history.err());
        java.util.List<String> rows = history.out().lines().toList();
        assertEquals(3, rows.size(), "header and two stored runs: " + history.out());
        assertTrue(rows.get(1).contains(" " + latest + " ") && rows.get(2).contains(" 2025-08-01 "), history.out());
        assertTrue(rows.get(1).matches(".* \\d+\\.\\d{4} +[01]\\.\\d{4} +[a-z0-9_]+ \\d+\\.\\d{4}"), history.out());
    }

    @Test
    void aTamperedModelFileIsAOneLineFailure(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.writeString(models.resolve(TrainCommand.CHURN_FILE), "not a model");
        BookstoreCliTest.Run r = BookstoreCliTest.run("score", "churn", "--db", "jdbc:duckdb:", "--models",
                models.toString(), "--customer", "CUST_1");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /** The latest order day of the marts, read with plain JDBC (not through the CLI's code). */
    static String latestOrderDay(Path duckdb) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + duckdb);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT MAX(order_date) FROM marts.fct_orders")) {
            rs.next();
            return rs.getObject(1, java.time.LocalDate.class).toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
