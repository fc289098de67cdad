package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.sql.BulkWriter;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes one source's accepted rows to its raw table and its rejected rows to its quarantine table, on the
 * load's connection and inside its transaction, through the dialect's bulk writer.
 *
 * <p>Only one bulk writer is open at a time (a PostgreSQL connection runs one {@code COPY} at a time), so
 * rejected rows are buffered (at most {@value #QUARANTINE_BATCH} rows or about 8 MB of text) and written
 * between batches of accepted rows. Not thread-safe.
 */
final class RowWriter implements AutoCloseable {
    static final int QUARANTINE_BATCH = 1_000;
    private static final long QUARANTINE_CHARS = 8L << 20;
    private static final List<String> QUARANTINE_COLUMNS = List.of("source_name", "source_line", "raw_text", "rules",
            "reasons", "load_id");

    private final Connection connection;
    private final Warehouse wh;
    private final TableName table;
    private final TableName quarantineTable;
    private final List<String> columns;
    private final String sourceName;
    private final String loadId;
    private final List<Object[]> quarantined = new ArrayList<>();
    private long quarantinedChars;
    private BulkWriter rows;

    RowWriter(Connection connection, Warehouse wh, SourceKind kind, List<String> dataColumns, String sourceName,
              String loadId) {
        this.connection = connection;
        this.wh = wh;
        this.table = wh.table(Layer.RAW, kind.table());
        this.quarantineTable = wh.table(Layer.RAW, kind.quarantineTable());
        List<String> all = new ArrayList<>(dataColumns);
        all.addAll(List.of("source_name", "source_line", "load_id"));
        this.columns = List.copyOf(all);
        this.sourceName = sourceName;
        this.loadId = loadId;
    }

    /** Appends an accepted row: its data values, then lineage. */
    void row(Object[] data, long line) {
        if (rows == null) {
            rows = open(table, columns);
        }
        Object[] values = new Object[data.length + 3];
        System.arraycopy(data, 0, values, 0, data.length);
        values[data.length] = sourceName;
        values[data.length + 1] = line;
        values[data.length + 2] = loadId;
        rows.row(values);
    }

    /** Queues a rejected row for the quarantine table. */
    void quarantine(long line, String rawText, List<Violation> violations) {
        String rules = violations.stream().filter(v -> v.severity() == Severity.ERROR).map(Violation::rule)
                .distinct().collect(Collectors.joining(","));
        if (rules.length() > 1000) {
            rules = rules.substring(0, 997) + "...";
        }
        String reasons = violations.stream().map(Violation::reason).collect(Collectors.joining("\n"));
        quarantined.add(new Object[] {sourceName, line, rawText, rules, reasons, loadId});
        quarantinedChars += rawText.length() + reasons.length();
        if (quarantined.size() >= QUARANTINE_BATCH || quarantinedChars >= QUARANTINE_CHARS) {
            flushQuarantine();
        }
    }

    private BulkWriter open(TableName target, List<String> targetColumns) {
        try {
            return wh.dialect().bulkWriter(connection, target, targetColumns);
        } catch (SQLException e) {
            throw new WarehouseException("cannot start a bulk load into " + target + ": " + e.getMessage(), e);
        }
    }

    private void flushQuarantine() {
        if (quarantined.isEmpty()) {
            return;
        }
        finishRows();
        try (BulkWriter q = open(quarantineTable, QUARANTINE_COLUMNS)) {
            for (Object[] r : quarantined) {
                q.row(r);
            }
            q.finish();
        }
        quarantined.clear();
        quarantinedChars = 0;
    }

    private void finishRows() {
        if (rows != null) {
            try {
                rows.finish();
            } finally {
                BulkWriter w = rows;
                rows = null;
                w.close();
            }
        }
    }

    /** Writes everything still buffered. */
    void finish() {
        finishRows();
        flushQuarantine();
    }

    /** Releases an open writer (rows not finished are discarded with the transaction). */
    @Override
    public void close() {
        if (rows != null) {
            BulkWriter w = rows;
            rows = null;
            w.close();
        }
    }
}
