package dev.bookstore.etl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One input row after parsing: its location and raw text, the typed row when every value parsed, and the
 * violations found while parsing.
 *
 * @param line 1-based physical line number of the row in its source (a CSV header is line 1)
 * @param raw the row as read (a CSV record re-encoded as CSV; a JSONL line as is), computed only when needed
 * @param row the typed row, empty when a value could not be parsed
 * @param violations parse-time violations (errors make {@code row} empty; warnings may accompany a row)
 * @param <T> the row type
 */
record Candidate<T>(long line, Supplier<String> raw, Optional<T> row, List<Violation> violations) {
    Candidate {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(row, "row");
        violations = List.copyOf(violations);
        if (row.isEmpty() && violations.stream().noneMatch(v -> v.severity() == Severity.ERROR)) {
            throw new IllegalArgumentException("a row that did not parse needs an error violation (line " + line
                    + ")");
        }
    }

    /** A candidate whose raw text is already known. */
    Candidate(long line, String rawText, Optional<T> row, List<Violation> violations) {
        this(line, () -> rawText, row, violations);
    }

    /** The row as read. */
    String rawText() {
        return raw.get();
    }
}
