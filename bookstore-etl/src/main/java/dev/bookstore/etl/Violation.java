package dev.bookstore.etl;

import java.util.Objects;

/**
 * One failed rule on one row.
 *
 * @param rule the rule's stable name, e.g. {@code negative_price}
 * @param severity what it does to the row
 * @param message what is wrong, naming the field and the bad value
 */
record Violation(String rule, Severity severity, String message) {
    Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static Violation error(String rule, String message) {
        return new Violation(rule, Severity.ERROR, message);
    }

    static Violation warning(String rule, String message) {
        return new Violation(rule, Severity.WARNING, message);
    }

    /** The line written to the quarantine's {@code reasons} column. */
    String reason() {
        return (severity == Severity.WARNING ? "(warning) " : "") + rule + ": " + message;
    }
}
