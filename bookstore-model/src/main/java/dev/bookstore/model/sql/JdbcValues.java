package dev.bookstore.model.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/** Conversion of bulk-load values to JDBC parameters; timestamps are stored as UTC wall-clock values. */
final class JdbcValues {
    private JdbcValues() {
    }

    /** Unwraps {@link Optional}; returns {@code null} for SQL NULL. */
    static Object unwrap(Object value) {
        if (value instanceof Optional<?> o) {
            return o.orElse(null);
        }
        return value;
    }

    /** An {@link Instant} as the UTC wall-clock time stored in {@code TIMESTAMP} columns. */
    static LocalDateTime utc(Instant instant) {
        return UtcTimestamps.of(instant);
    }

    /**
     * Appends {@code value} as one field of a CSV line as the CSV bulk paths write it (DuckDB's spooled
     * {@code COPY}, PostgreSQL's {@code COPY ... FORMAT csv}): {@code null} as nothing (unquoted empty = NULL), text
     * always quoted with doubled quotes, numbers, booleans, dates plain, instants as UTC wall-clock time.
     */
    static void appendCsv(StringBuilder line, Object value) {
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
            line.append(utc(t));
        } else {
            throw new IllegalArgumentException("cannot bulk-load a value of type " + value.getClass().getName());
        }
    }

    static void bind(PreparedStatement ps, int index, Object raw) throws SQLException {
        Object value = unwrap(raw);
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Integer i) {
            ps.setInt(index, i);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Double d) {
            ps.setDouble(index, d);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof LocalDate d) {
            ps.setObject(index, d);
        } else if (value instanceof Instant t) {
            ps.setObject(index, utc(t));
        } else if (value instanceof LocalDateTime t) {
            ps.setObject(index, t);
        } else {
            throw new IllegalArgumentException("cannot bulk-load a value of type " + value.getClass().getName()
                    + " (parameter " + index + ")");
        }
    }
}
