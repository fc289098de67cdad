package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** Bulk load through batched parameterised inserts: the portable path (MariaDB, H2). */
final class BatchInsertWriter implements BulkWriter {
    private final PreparedStatement statement;
    private final TableName table;
    private final int columns;
    private final int batchSize;
    private int pending;
    private long written;

    BatchInsertWriter(Connection connection, TableName table, List<String> columns, int batchSize)
            throws SQLException {
        columns.forEach(c -> Identifiers.require(c, "column name"));
        String sql = "INSERT INTO " + table.sql() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        this.statement = connection.prepareStatement(sql);
        this.table = table;
        this.columns = columns.size();
        this.batchSize = batchSize;
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values; " + table + " load expects "
                    + columns);
        }
        try {
            for (int i = 0; i < values.length; i++) {
                JdbcValues.bind(statement, i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending >= batchSize) {
                flush();
            }
        } catch (SQLException e) {
            throw new WarehouseException("bulk insert into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            written += pending;
            pending = 0;
        }
    }

    @Override
    public long finish() {
        try {
            flush();
            return written;
        } catch (SQLException e) {
            throw new WarehouseException("bulk insert into " + table + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException e) {
            throw new WarehouseException("closing bulk insert into " + table + " failed: " + e.getMessage(), e);
        }
    }
}
