package dev.bookstore.model.sql;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** PostgreSQL: schemas per layer, {@code COPY} for bulk loads, advisory locks. */
final class PostgresDialect extends StandardDialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String productName) {
        return "PostgreSQL".equalsIgnoreCase(productName);
    }

    @Override
    public String longTextType() {
        return "TEXT";
    }

    @Override
    public String addDays(String dateExpr, String daysExpr) {
        return "(CAST(" + dateExpr + " AS DATE) + CAST(" + daysExpr + " AS INTEGER))";
    }

    @Override
    public String daysBetween(String fromDate, String toDate) {
        return "(CAST(" + toDate + " AS DATE) - CAST(" + fromDate + " AS DATE))";
    }

    @Override
    public String secondsBetween(String from, String to) {
        return "EXTRACT(EPOCH FROM (" + to + " - " + from + "))";
    }

    @Override
    public String isoDayOfWeek(String dateExpr) {
        return "CAST(EXTRACT(ISODOW FROM " + dateExpr + ") AS INTEGER)";
    }

    @Override
    public String hourOf(String timestampExpr) {
        return "CAST(EXTRACT(HOUR FROM " + timestampExpr + ") AS INTEGER)";
    }

    @Override
    public BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns) throws SQLException {
        return new CopyWriter(connection, table, columns);
    }

    @Override
    public Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait)
            throws SQLException {
        long key = ByteBuffer.wrap(HexFormat.of().parseHex(Locks.digest(scope, name).substring(0, 16))).getLong();
        return Locks.sessionLock(dataSource, Long.toString(key), name, wait, new Locks.SqlLockFunctions() {
            @Override
            public boolean tryAcquire(Connection c, String k) throws SQLException {
                return Locks.queryBoolean(c, "SELECT CASE WHEN pg_try_advisory_lock(?) THEN 1 ELSE 0 END",
                        Long.parseLong(k));
            }

            @Override
            public void release(Connection c, String k) throws SQLException {
                Locks.queryBoolean(c, "SELECT CASE WHEN pg_advisory_unlock(?) THEN 1 ELSE 0 END", Long.parseLong(k));
            }
        });
    }
}
