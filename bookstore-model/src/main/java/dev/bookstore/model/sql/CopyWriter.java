package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/** Bulk load through PostgreSQL {@code COPY ... FROM STDIN} in CSV format, streamed in 1 MB chunks. */
final class CopyWriter implements BulkWriter {
    private static final int CHUNK = 1 << 20;

    private final CopyManager copyManager;
    private final String copySql;
    private final TableName table;
    private final int columns;
    private final StringBuilder line = new StringBuilder(256);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 4096);
    private CopyIn copy;
    private long written;

    CopyWriter(Connection connection, TableName table, List<String> columns) throws SQLException {
        columns.forEach(c -> Identifiers.require(c, "column name"));
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        this.copySql = "COPY " + table.sql() + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)";
        this.table = table;
        this.columns = columns.size();
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values; " + table + " load expects "
                    + columns);
        }
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            JdbcValues.appendCsv(line, JdbcValues.unwrap(values[i]));
        }
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        written++;
        if (buffer.size() >= CHUNK) {
            send();
        }
    }

    private void send() {
        try {
            if (copy == null) {
                copy = copyManager.copyIn(copySql);
            }
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        } catch (SQLException e) {
            throw new WarehouseException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long finish() {
        if (buffer.size() > 0) {
            send();
        }
        if (copy != null) {
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new WarehouseException("COPY into " + table + " failed: " + e.getMessage(), e);
            } finally {
                copy = null;
            }
        }
        return written;
    }

    @Override
    public void close() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                throw new WarehouseException("cancelling COPY into " + table + " failed: " + e.getMessage(), e);
            }
        }
        copy = null;
    }
}
