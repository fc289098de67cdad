package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
    private Path file;
    private BufferedWriter out;
    private long spooled;
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
            append(JdbcValues.unwrap(values[i]));
        }
        line.append('\n');
        try {
            if (out == null) {
                file = Files.createTempFile("bookstore-bulk-", ".csv");
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                spooled = 0;
            }
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool rows for " + table + " to " + file, e);
        }
        spooled += line.length();
        written++;
        if (spooled >= SPOOL_BYTES) {
            copy();
        }
    }

    private void append(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String s) {
            line.append('"');
            if (s.indexOf('"') < 0) {
                line.append(s).append('"');
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        } else if (value instanceof BigDecimal d) {
            line.append(d.toPlainString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof LocalDate || value instanceof LocalDateTime) {
            line.append(value);
        } else if (value instanceof Instant t) {
            line.append(JdbcValues.utc(t));
        } else {
            throw new IllegalArgumentException("cannot bulk-load a value of type " + value.getClass().getName());
        }
    }

    private void copy() {
        if (out == null) {
            return;
        }
        try {
            out.close();
            out = null;
            try (Statement s = connection.createStatement()) {
                s.execute("COPY " + table.sql() + " (" + String.join(", ", columns) + ") FROM '"
                        + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT csv, HEADER false, "
                        + "DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '', ALLOW_QUOTED_NULLS false, "
                        + "AUTO_DETECT false, NEW_LINE '\\n')");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool rows for " + table + " to " + file, e);
        } catch (SQLException e) {
            throw new WarehouseException("bulk load into " + table + " failed: " + e.getMessage(), e);
        } finally {
            delete();
        }
    }

    private void delete() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted next
            }
            out = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
            file = null;
        }
    }

    @Override
    public long finish() {
        copy();
        return written;
    }

    @Override
    public void close() {
        delete();
    }
}
