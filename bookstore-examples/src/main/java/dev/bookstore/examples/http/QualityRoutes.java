package dev.bookstore.examples.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /data-quality}: the latest data-test run's results (failing tests first) and the quarantined rows per
 * source and rule (a row that failed two rules counts for both).
 */
final class QualityRoutes implements Route.Set {
    private final Backend backend;

    QualityRoutes(Backend backend) {
        this.backend = backend;
    }

    /**
     * One data test's latest result.
     *
     * @param test the test
     * @param model the model it checks
     * @param severity error or warn
     * @param status pass, warn, fail or error
     * @param failingRows rows that failed it
     * @param executedAt when it ran
     * @param message what went wrong, when something did
     */
    record TestResult(String test, String model, String severity, String status, long failingRows,
                      Instant executedAt, Optional<String> message) {
    }

    /**
     * The answer.
     *
     * @param runId the latest data-test run, when there is one
     * @param tests its results
     * @param failing how many did not pass
     * @param quarantine rows per source, then per rule
     */
    record Answer(Optional<String> runId, List<TestResult> tests, long failing,
                  Map<String, Map<String, Long>> quarantine) {
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/data-quality", "monitoring",
                "latest data-test results and quarantined rows per source and rule", List.of(), c -> answer()));
    }

    Answer answer() {
        List<String> runs = new ArrayList<>();
        List<TestResult> tests = backend.warehouse().withHandle(h -> h.createQuery(backend.sql("latest_data_tests"))
                .map((rs, ctx) -> {
                    runs.add(rs.getString(1));
                    return new TestResult(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getLong(6), rs.getTimestamp(7).toInstant(), Optional.ofNullable(rs.getString(8)));
                }).list());
        Map<String, Map<String, Long>> quarantine = new TreeMap<>();
        for (String source : List.of("customers", "products", "orders", "events")) {
            quarantine.put(source, new TreeMap<>());
        }
        backend.warehouse().withHandle(h -> h.createQuery(backend.sql("quarantine_counts")).map((rs, ctx) -> {
            Map<String, Long> rules = quarantine.get(rs.getString(1));
            for (String rule : rs.getString(2).split(",")) {
                rules.merge(rule.strip(), rs.getLong(3), Long::sum);
            }
            return null;
        }).list());
        return new Answer(runs.stream().findFirst(), tests, tests.stream().filter(t -> !t.status().equals("pass"))
                .count(), quarantine);
    }
}
