package dev.bookstore.model.sql;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.bookstore.model.WarehouseException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk load on Trino: rows are gathered into one JSON text (an array of rows, each an array of texts) that a single
 * {@code INSERT ... SELECT CAST(r[i] AS type) FROM UNNEST(CAST(json_parse(?) AS ARRAY(ARRAY(VARCHAR))))} writes,
 * one Iceberg commit per chunk of about {@value #CHUNK_CHARS} characters. One bound text instead of a multi-row
 * {@code VALUES} list: Trino plans a {@code VALUES} of thousands of literals slowly (seconds per statement), a
 * single literal in no time, and the statement stays under Trino's default query length of 1,000,000 characters.
 */
final class TrinoJsonInsertWriter implements BulkWriter {
    /** The JSON text of one insert stays about this long. */
    static final int CHUNK_CHARS = 600_000;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    private final PreparedStatement statement;
    private final TableName table;
    private final int columns;
    private final StringBuilder json = new StringBuilder(CHUNK_CHARS + 10_000);
    private final JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    private int bufferedRows;
    private long written;

    TrinoJsonInsertWriter(Connection connection, TableName table, List<String> columns) throws SQLException {
        columns.forEach(c -> Identifiers.require(c, "column name"));
        this.table = table;
        this.columns = columns.size();
        Map<String, String> types = types(connection, table);
        List<String> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String type = types.get(columns.get(i));
            if (type == null) {
                throw new SQLException("table " + table + " has no column " + columns.get(i) + " (it has "
                        + types.keySet() + ")");
            }
            String element = "r[" + (i + 1) + "]";
            select.add(type.startsWith("varchar") ? element : "CAST(" + element + " AS " + type + ")");
        }
        this.statement = connection.prepareStatement("INSERT INTO " + table.sql() + " (" + String.join(", ", columns)
                + ") SELECT " + String.join(", ", select) + " FROM UNNEST(CAST(json_parse(?) AS "
                + "ARRAY(ARRAY(VARCHAR)))) AS u(r)");
        json.append('[');
    }

    private static Map<String, String> types(Connection connection, TableName table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        String schema = table.schema().isPresent() ? "?" : "current_schema";
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, data_type FROM "
                + "information_schema.columns WHERE table_schema = " + schema + " AND table_name = ?")) {
            int i = 1;
            if (table.schema().isPresent()) {
                ps.setString(i++, table.schema().get());
            }
            ps.setString(i, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        if (types.isEmpty()) {
            throw new SQLException("table " + table + " does not exist");
        }
        return types;
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values; " + table + " load expects "
                    + columns);
        }
        json.append(bufferedRows == 0 ? "[" : ",[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            String text = text(JdbcValues.unwrap(values[i]), i);
            if (text == null) {
                json.append("null");
            } else {
                json.append('"');
                encoder.quoteAsString(text, json);
                json.append('"');
            }
        }
        json.append(']');
        bufferedRows++;
        if (json.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    private static String text(Object value, int index) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Boolean
                || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalDateTime t) {
            return TIMESTAMP.format(t);
        }
        if (value instanceof Instant t) {
            return TIMESTAMP.format(JdbcValues.utc(t));
        }
        throw new IllegalArgumentException("cannot bulk-load a value of type " + value.getClass().getName()
                + " (value " + (index + 1) + ")");
    }

    private void flush() {
        if (bufferedRows == 0) {
            return;
        }
        json.append(']');
        try {
            statement.setString(1, json.toString());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new WarehouseException("bulk insert into " + table + " failed: " + e.getMessage(), e);
        }
        written += bufferedRows;
        bufferedRows = 0;
        json.setLength(0);
        json.append('[');
    }

    @Override
    public long finish() {
        flush();
        return written;
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
