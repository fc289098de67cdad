package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Bulk load into MariaDB through {@code LOAD DATA LOCAL INFILE}: rows are spooled to a temporary tab-separated
 * file (UTF-8, {@code \N} for {@code NULL}, backslash escapes for backslash, tab, newline, carriage return and NUL)
 * that the driver streams to the server whenever {@value #SPOOL_BYTES} characters are written and on
 * {@link #finish()}; the file is deleted after each load and on {@link #close()}. The load runs in the caller's
 * transaction.
 *
 * <p>The server ({@code local_infile=OFF}) or the driver ({@code allowLocalInfile=false}) may refuse local
 * files: that is found out before the first row is sent, by loading an empty input, and the writer then inserts
 * the rows as multi-row batches ({@link BatchInsertWriter}) instead.
 */
final class LoadDataWriter implements BulkWriter {
    static final long SPOOL_BYTES = 32L << 20;
    /** MariaDB's "command not allowed" and "local infile capability disabled" errors. */
    private static final List<Integer> REFUSED = List.of(1148, 4166);
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    private final Connection connection;
    private final TableName table;
    private final List<String> columns;
    private final int fallbackRowsPerStatement;
    private final StringBuilder line = new StringBuilder(256);
    private Boolean localInfile;
    private BulkWriter fallback;
    private final SpoolFile spool = new SpoolFile(".tsv");
    private long written;

    LoadDataWriter(Connection connection, TableName table, List<String> columns, int fallbackRowsPerStatement) {
        columns.forEach(c -> Identifiers.require(c, "column name"));
        this.connection = connection;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.fallbackRowsPerStatement = fallbackRowsPerStatement;
    }

    /** Whether rows go through {@code LOAD DATA LOCAL INFILE} (after the first row; before it, not yet known). */
    boolean usesLocalInfile() {
        return Boolean.TRUE.equals(localInfile);
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values; " + table + " load expects "
                    + columns.size());
        }
        if (localInfile == null) {
            localInfile = probe();
            if (!localInfile) {
                try {
                    fallback = new BatchInsertWriter(connection, table, columns, 10_000, fallbackRowsPerStatement);
                } catch (SQLException e) {
                    throw new WarehouseException("cannot start a bulk insert into " + table + ": " + e.getMessage(),
                            e);
                }
            }
        }
        if (fallback != null) {
            fallback.row(values);
            return;
        }
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            append(line, JdbcValues.unwrap(values[i]));
        }
        line.append('\n');
        try {
            spool.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool rows for " + table + " to " + spool.path(), e);
        }
        if (spool.chars() >= SPOOL_BYTES) {
            load();
        }
    }

    /** Appends {@code value} as one field of {@code LOAD DATA}'s default format (tab-separated, backslash escapes). */
    static void append(StringBuilder line, Object value) {
        if (value == null) {
            line.append("\\N");
        } else if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    case '\0' -> line.append("\\0");
                    default -> line.append(c);
                }
            }
        } else if (value instanceof BigDecimal d) {
            line.append(d.toPlainString());
        } else if (value instanceof Boolean b) {
            line.append(b ? '1' : '0');
        } else if (value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof LocalDate) {
            line.append(value);
        } else if (value instanceof LocalDateTime t) {
            DATETIME.formatTo(t, line);
        } else if (value instanceof Instant t) {
            DATETIME.formatTo(JdbcValues.utc(t), line);
        } else {
            throw new IllegalArgumentException("cannot bulk-load a value of type " + value.getClass().getName());
        }
    }

    private String loadSql(String fileName) {
        return "LOAD DATA LOCAL INFILE '" + fileName.replace("\\", "\\\\").replace("'", "''") + "' INTO TABLE "
                + table.sql() + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' "
                + "LINES TERMINATED BY '\\n' (" + String.join(", ", columns) + ")";
    }

    /** Loads an empty input: true when local files are allowed, false when the server or driver refuses them. */
    private boolean probe() {
        try {
            loadStream(new ByteArrayInputStream(new byte[0]), "bookstore-probe.tsv");
            return true;
        } catch (SQLException e) {
            if (REFUSED.contains(e.getErrorCode()) || String.valueOf(e.getMessage()).contains("allowLocalInfile")) {
                return false;
            }
            throw new WarehouseException("bulk load into " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code LOAD DATA LOCAL INFILE} with {@code in} as the file's content; returns the rows loaded. */
    private long loadStream(InputStream in, String fileName) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
            return s.executeLargeUpdate(loadSql(fileName));
        }
    }

    private void load() {
        if (!spool.isOpen()) {
            return;
        }
        try {
            long rows = spool.rows();
            Path file = spool.closeForLoading();
            long loaded;
            try (InputStream in = Files.newInputStream(file)) {
                loaded = loadStream(in, file.getFileName().toString());
            }
            if (loaded != rows) {
                throw new WarehouseException("bulk load into " + table + " loaded " + loaded + " rows of " + rows);
            }
            written += loaded;
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
        if (fallback != null) {
            return fallback.finish();
        }
        load();
        return written;
    }

    @Override
    public void close() {
        spool.delete();
        if (fallback != null) {
            fallback.close();
        }
    }
}
