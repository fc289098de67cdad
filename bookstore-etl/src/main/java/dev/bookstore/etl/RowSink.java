package dev.bookstore.etl;

import java.util.List;

/** Where a load puts each row it read: valid rows to the scratch table, rejected ones to quarantine. */
interface RowSink {
    /** A valid row: its values, lineage and its warning rules (comma-separated) or null. */
    void row(Object[] data, String sourceName, long line, String warnings);

    /** A rejected row with its violations, under {@code loadId}. */
    void quarantine(String sourceName, long line, String rawText, List<Violation> violations, String loadId);
}
