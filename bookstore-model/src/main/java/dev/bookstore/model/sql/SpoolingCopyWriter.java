package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Bulk load through a temporary CSV file and the database's own {@code COPY ... FROM 'file'} (DuckDB), which
 * parses it in parallel: much faster than appending value by value when there are many rows. Rows are spooled to
 * a file in the system's temporary directory and copied in whenever {@value #SPOOL_BYTES} characters are written (so
 * the disk used stays bounded) and on {@link #finish()}; the file is deleted after each copy and on
 * {@link #close()}. Strings are always quoted and {@code NULL} is an unquoted empty field, so an empty string and
 * {@code NULL} stay distinct.
 */
final class SpoolingCopyWriter implements BulkWriter {
    static final long SPOOL_BYTES = 32L << 20;

    private final Connection connection;
    private final TableName table;
    private final List<String> columns;
    private final StringBuilder line = new StringBuilder(256);
    private final SpoolFile spool = new SpoolFile(".csv");
    private long written;

    SpoolingCopyWriter(Connection connection, TableName table, List<String> columns) {
        columns.forEach(c -> Identifiers.require(c, "column name"));
        this.connection = connection;
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values; " + table + " load expects "
                    + columns.size());
        }
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            JdbcValues.appendCsv(line, JdbcValues.unwrap(values[i]));
        }
        line.append('\n');
        try {
            spool.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool rows for " + table + " to " + spool.path(), e);
        }
        written++;
        if (spool.chars() >= SPOOL_BYTES) {
            copy();
        }
    }

    private void copy() {
        if (!spool.isOpen()) {
            return;
        }
        try {
            Path file = spool.closeForLoading();
            try (Statement s = connection.createStatement()) {
                s.execute("COPY " + table.sql() + " (" + String.join(", ", columns) + ") FROM '"
                        + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT csv, HEADER false, "
                        + "DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '', ALLOW_QUOTED_NULLS false, "
                        + "AUTO_DETECT false, NEW_LINE '\\n')");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool rows for " + table + " to " + spool.path(), e);
        } catch (SQLException e) {
            throw new WarehouseException("bulk load into " + table + " failed: " + e.getMessage(), e);
        } finally {
            spool.delete();
        }
    }

    @Override
    public long finish() {
        copy();
        return written;
    }

    @Override
    public void close() {
        spool.delete();
    }
}
