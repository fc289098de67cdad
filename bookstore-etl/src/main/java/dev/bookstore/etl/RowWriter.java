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
 * Writes one source's valid rows to the load's scratch table ({@link Stage}) and its rejected rows to its
 * quarantine table, on the load's connection and inside its transaction, through the dialect's bulk writers
 * (its {@code largeBulkWriter} for the valid rows).
 *
 * <p>Only one bulk writer is open at a time (a PostgreSQL connection runs one {@code COPY} at a time), so
 * rejected rows are buffered (at most {@value #QUARANTINE_BATCH} rows or about 8 MB of text) and written
 * between batches of valid rows. A NUL character cannot be stored in PostgreSQL text, so it is written as
 * U+FFFD in a quarantined row's raw text (a value holding one is always rejected). Not thread-safe.
 */
final class RowWriter implements RowSink, AutoCloseable {
    static final int QUARANTINE_BATCH = 1_000;
    private static final long QUARANTINE_CHARS = 8L << 20;
    private static final List<String> QUARANTINE_COLUMNS = List.of("source_name", "source_line", "raw_text", "rules",
            "reasons", "load_id");

    private final Connection connection;
    private final Warehouse wh;
    private final TableName stageTable;
    private final List<String> stageColumns;
    private final TableName quarantineTable;
    private final List<Object[]> quarantined = new ArrayList<>();
    private long quarantinedChars;
    private long staged;
    private BulkWriter rows;

    RowWriter(Connection connection, Warehouse wh, Stage stage, SourceKind kind) {
        this.connection = connection;
        this.wh = wh;
        this.stageTable = stage.table();
        this.stageColumns = stage.columns();
        this.quarantineTable = wh.table(Layer.RAW, kind.quarantineTable());
    }

    /** Appends a valid row to the scratch table: its data values, then lineage and its warning rules (or null). */
    @Override
    public void row(Object[] data, String sourceName, long line, String warnings) {
        if (rows == null) {
            try {
                rows = wh.dialect().runtime().largeBulkWriter(connection, stageTable, stageColumns);
            } catch (SQLException e) {
                throw new WarehouseException("cannot start a bulk load into " + stageTable + ": " + e.getMessage(), e);
            }
        }
        Object[] values = new Object[data.length + 4];
        System.arraycopy(data, 0, values, 0, data.length);
        values[data.length] = sourceName;
        values[data.length + 1] = line;
        values[data.length + 2] = ++staged;
        values[data.length + 3] = warnings;
        rows.row(values);
    }

    /** Valid rows written to the scratch table so far. */
    long staged() {
        return staged;
    }

    /** Queues a rejected row for the quarantine table. */
    @Override
    public void quarantine(String sourceName, long line, String rawText, List<Violation> violations, String loadId) {
        String rules = violations.stream().filter(v -> v.severity() == Severity.ERROR).map(Violation::rule)
                .distinct().collect(Collectors.joining(","));
        if (rules.length() > 1000) {
            rules = rules.substring(0, 997) + "...";
        }
        String reasons = violations.stream().map(Violation::reason).collect(Collectors.joining("\n"));
        String text = rawText.indexOf('\0') >= 0 ? rawText.replace('\0', '\uFFFD') : rawText;
        reasons = reasons.indexOf('\0') >= 0 ? reasons.replace('\0', '\uFFFD') : reasons;
        quarantined.add(new Object[] {sourceName, line, text, rules, reasons, loadId});
        quarantinedChars += text.length() + reasons.length();
        if (quarantined.size() >= QUARANTINE_BATCH || quarantinedChars >= QUARANTINE_CHARS) {
            flushQuarantine();
        }
    }

    private BulkWriter open(TableName target, List<String> targetColumns) {
        try {
            return wh.dialect().runtime().bulkWriter(connection, target, targetColumns);
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

    /** Writes everything still buffered, leaving no bulk load open (the connection can run other statements). */
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
