package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Bulk load through batched parameterised inserts: the portable path (H2; MariaDB's small loads and its fallback
 * when {@code LOAD DATA LOCAL INFILE} is refused). With {@code rowsPerStatement > 1} each insert is a multi-row
 * {@code INSERT ... VALUES (...), (...)} of that many rows (the driver-independent form of a "rewritten" batch),
 * which saves a round trip and a statement execution per row; the rows left over at {@link #finish()} go in one
 * shorter insert.
 */
final class BatchInsertWriter implements BulkWriter {
    /** At most this many parameters in one statement (MariaDB's limit is 65,535). */
    private static final int MAX_PARAMETERS = 60_000;

    private final Connection connection;
    private final String insertPrefix;
    private final String rowPlaceholders;
    private final PreparedStatement statement;
    private final TableName table;
    private final int columns;
    private final int rowsPerStatement;
    private final int batchSize;
    private final Object[][] buffered;
    private int bufferedRows;
    private int pending;
    private long written;

    /** One row per insert, {@code batchSize} inserts per batch. */
    BatchInsertWriter(Connection connection, TableName table, List<String> columns, int batchSize)
            throws SQLException {
        this(connection, table, columns, batchSize, 1);
    }

    /**
     * {@code rowsPerStatement} rows per insert (lowered to keep under {@value #MAX_PARAMETERS} parameters),
     * batches of about {@code batchSize} rows.
     */
    BatchInsertWriter(Connection connection, TableName table, List<String> columns, int batchSize,
                      int rowsPerStatement) throws SQLException {
        columns.forEach(c -> Identifiers.require(c, "column name"));
        this.connection = connection;
        this.insertPrefix = "INSERT INTO " + table.sql() + " (" + String.join(", ", columns) + ") VALUES ";
        this.rowPlaceholders = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        this.table = table;
        this.columns = columns.size();
        this.rowsPerStatement = Math.max(1, Math.min(rowsPerStatement, MAX_PARAMETERS / columns.size()));
        this.batchSize = Math.max(1, batchSize / this.rowsPerStatement);
        this.buffered = new Object[this.rowsPerStatement][];
        this.statement = connection.prepareStatement(insert(this.rowsPerStatement));
    }

    private String insert(int rows) {
        return insertPrefix + String.join(", ", Collections.nCopies(rows, rowPlaceholders));
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values; " + table + " load expects "
                    + columns);
        }
        try {
            if (rowsPerStatement == 1) {
                bind(statement, 0, values);
            } else {
                buffered[bufferedRows++] = values.clone();
                if (bufferedRows < rowsPerStatement) {
                    return;
                }
                for (int r = 0; r < bufferedRows; r++) {
                    bind(statement, r, buffered[r]);
                }
                bufferedRows = 0;
            }
            statement.addBatch();
            if (++pending >= batchSize) {
                flush();
            }
        } catch (SQLException e) {
            throw new WarehouseException("bulk insert into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private void bind(PreparedStatement ps, int row, Object[] values) throws SQLException {
        int first = row * columns + 1;
        for (int i = 0; i < values.length; i++) {
            JdbcValues.bind(ps, first + i, values[i]);
        }
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            written += (long) pending * rowsPerStatement;
            pending = 0;
        }
    }

    @Override
    public long finish() {
        try {
            flush();
            if (bufferedRows > 0) {
                try (PreparedStatement rest = connection.prepareStatement(insert(bufferedRows))) {
                    for (int r = 0; r < bufferedRows; r++) {
                        bind(rest, r, buffered[r]);
                        buffered[r] = null;
                    }
                    rest.executeUpdate();
                }
                written += bufferedRows;
                bufferedRows = 0;
            }
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
