package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Bulk load through DuckDB's Appender. The appender fills whole table rows, so the writer needs the table's full
 * column list in order; columns the caller does not give are appended as their default ({@code NULL}).
 */
final class AppenderWriter implements BulkWriter {
    private final DuckDBAppender appender;
    private final TableName table;
    private final int[] position; // for each table column, the index in the caller's values, or -1
    private final int columns;
    private long written;

    AppenderWriter(Connection connection, TableName table, List<String> columns, List<String> tableColumns)
            throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        this.appender = duck.createAppender(table.schema().orElse(DuckDBConnection.DEFAULT_SCHEMA), table.name());
        this.table = table;
        this.columns = columns.size();
        this.position = new int[tableColumns.size()];
        for (int i = 0; i < tableColumns.size(); i++) {
            position[i] = columns.indexOf(tableColumns.get(i));
        }
        for (String c : columns) {
            if (!tableColumns.contains(c)) {
                throw new WarehouseException("table " + table + " has no column '" + c + "'");
            }
        }
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values; " + table + " load expects "
                    + columns);
        }
        try {
            appender.beginRow();
            for (int p : position) {
                append(p < 0 ? null : JdbcValues.unwrap(values[p]));
            }
            appender.endRow();
            written++;
        } catch (SQLException e) {
            throw new WarehouseException("appending to " + table + " failed: " + e.getMessage(), e);
        }
    }

    private void append(Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof String s) {
            appender.append(s);
        } else if (value instanceof Integer i) {
            appender.append(i.intValue());
        } else if (value instanceof Long l) {
            appender.append(l.longValue());
        } else if (value instanceof BigDecimal d) {
            appender.append(d);
        } else if (value instanceof Double d) {
            appender.append(d.doubleValue());
        } else if (value instanceof Boolean b) {
            appender.append(b.booleanValue());
        } else if (value instanceof LocalDate d) {
            appender.append(d);
        } else if (value instanceof Instant t) {
            appender.append(JdbcValues.utc(t));
        } else if (value instanceof LocalDateTime t) {
            appender.append(t);
        } else {
            throw new IllegalArgumentException("cannot append a value of type " + value.getClass().getName());
        }
    }

    @Override
    public long finish() {
        try {
            appender.flush();
            return written;
        } catch (SQLException e) {
            throw new WarehouseException("appending to " + table + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            appender.close();
        } catch (SQLException e) {
            throw new WarehouseException("closing the appender of " + table + " failed: " + e.getMessage(), e);
        }
    }
}
