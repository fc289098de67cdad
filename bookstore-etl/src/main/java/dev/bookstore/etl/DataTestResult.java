package dev.bookstore.etl;

import java.util.Objects;

/**
 * The outcome of one data test: how many rows broke its rule.
 *
 * <pre>{@code
 * for (DataTestResult r : Transform.on(warehouse).test().results()) {
 *     System.out.printf("%-60s %-18s %8d %s%n", r.test(), r.model(), r.failingRows(), r.status());
 * }
 * }</pre>
 *
 * @param test the test's name, e.g. {@code unique_fct_orders_order_id} or a custom test's file name
 * @param model the model it checks
 * @param failingRows rows returned by the test's query (each one breaks the rule); 0 when it passed or did not run
 * @param severity what a failure means
 * @param status pass, warn, fail or error
 * @param message why the test could not run (status {@link Status#ERROR}), else empty
 */
public record DataTestResult(String test, String model, long failingRows, Severity severity, Status status,
                             String message) {
    /** Validates the components. */
    public DataTestResult {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** Whether this result makes the whole test run fail: an error-level failure, or a test that did not run. */
    public boolean isError() {
        return status == Status.FAIL || status == Status.ERROR;
    }

    /** What a failing test means, declared beside the test ({@code warn} after it; error by default). */
    public enum Severity {
        /** A failure fails the test run (and the pipeline, and {@code bookstore test} exits 1). */
        ERROR,
        /** A failure is reported but does not fail the run. */
        WARN
    }

    /** The outcome. */
    public enum Status {
        /** No failing rows. */
        PASS,
        /** Failing rows, severity warn. */
        WARN,
        /** Failing rows, severity error. */
        FAIL,
        /** The test's query could not run (e.g. the model was never built); counts as an error. */
        ERROR
    }
}
