package dev.bookstore.etl;

/** What a failed rule does to its row: {@link #ERROR} quarantines it, {@link #WARNING} loads it and counts it. */
enum Severity {
    /** The row is rejected: written to quarantine with its reasons, not loaded. */
    ERROR,
    /** The row is loaded; the failure is counted in the report. */
    WARNING
}
