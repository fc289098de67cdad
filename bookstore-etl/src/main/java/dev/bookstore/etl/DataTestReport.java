package dev.bookstore.etl;

import java.util.List;
import java.util.Objects;

/**
 * The results of a data test run, also stored in {@code meta.data_test_results} under {@link #runId()}.
 *
 * <pre>{@code
 * DataTestReport report = Transform.on(warehouse).test();
 * if (report.hasErrors()) {
 *     report.errors().forEach(r -> log.error("{} on {}: {} rows", r.test(), r.model(), r.failingRows()));
 * }
 * }</pre>
 *
 * @param runId identifies the run in {@code meta.data_test_results}
 * @param results one per test, ordered by model (build order) then test name
 */
public record DataTestReport(String runId, List<DataTestResult> results) {
    /** Validates and copies the components. */
    public DataTestReport {
        Objects.requireNonNull(runId, "runId");
        results = List.copyOf(results);
    }

    /** Whether an error-level test failed or a test could not run. */
    public boolean hasErrors() {
        return results.stream().anyMatch(DataTestResult::isError);
    }

    /** The results that make the run fail. */
    public List<DataTestResult> errors() {
        return results.stream().filter(DataTestResult::isError).toList();
    }

    /** The results that did not pass (errors and warnings). */
    public List<DataTestResult> failures() {
        return results.stream().filter(r -> r.status() != DataTestResult.Status.PASS).toList();
    }
}
