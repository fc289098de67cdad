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
final class PostgresDialect extends Dialect {
    static final Context CONTEXT = Context.named("postgresql").withProductNames("PostgreSQL");

    private final DialectRuntime runtime = new Runtime(this);

    PostgresDialect() {
        super(CONTEXT);
    }

    @Override
    public DialectRuntime runtime() {
        return runtime;
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
    public String sha256Hex(String expr) {
        return "encode(sha256(convert_to(" + expr + ", 'UTF8')), 'hex')";
    }

    /** {@code CREATE OR REPLACE VIEW} cannot change a view's columns on PostgreSQL: drop, then create. */
    @Override
    public List<String> replaceView(TableName view, String selectSql) {
        return List.of("DROP VIEW IF EXISTS " + view.sql() + " CASCADE", "CREATE VIEW " + view.sql() + " AS "
                + selectSql);
    }

    @Override
    public boolean supportsRoles() {
        return true;
    }

    @Override
    public List<String> createRole(String role) {
        Identifiers.require(role, "role name");
        return List.of("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE " + role + " NOLOGIN; END IF; END $$");
    }

    @Override
    public List<String> grantSelect(String role, TableName table) {
        Identifiers.require(role, "role name");
        String schema = table.schema().orElse("public");
        return List.of("GRANT USAGE ON SCHEMA " + schema + " TO " + role,
                "GRANT SELECT ON " + table.sql() + " TO " + role);
    }

    @Override
    public List<String> dropRole(String role) {
        Identifiers.require(role, "role name");
        return List.of("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "EXECUTE 'DROP OWNED BY " + role + "'; EXECUTE 'DROP ROLE " + role + "'; END IF; END $$");
    }

    /** The session's temporary schema {@code pg_temp}: no WAL, dropped with the session at the latest. */
    @Override
    public TableName scratchTable(TableName table) {
        return new TableName(Optional.of("pg_temp"), table.schema().map(s -> s + "_").orElse("") + table.name());
    }

    @Override
    public String createScratchTable(TableName scratch, String selectSql) {
        return "CREATE TEMP TABLE " + scratch.name() + " AS " + selectSql;
    }

    /** The server's zone rules: read as UTC, shown in the zone. */
    @Override
    public String localTimestamp(String utcTimestampExpr, java.time.ZoneId zone) {
        return "((CAST(" + utcTimestampExpr + " AS TIMESTAMP) AT TIME ZONE 'UTC') AT TIME ZONE "
                + zoneLiteral(zone) + ")";
    }

    /** {@code COPY} for bulk loads, session-level advisory locks. */
    private static final class Runtime extends DialectRuntime {
        Runtime(Dialect dialect) {
            super(dialect);
        }

        @Override
        public BulkWriter bulkWriter(Connection connection, TableName table, List<String> columns)
                throws SQLException {
            return new CopyWriter(connection, table, columns);
        }

        @Override
        public Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait)
                throws SQLException {
            long key = ByteBuffer.wrap(HexFormat.of().parseHex(lockDigest(scope, name).substring(0, 16))).getLong();
            return sessionLock(dataSource, key, name, wait,
                    "SELECT CASE WHEN pg_try_advisory_lock(?) THEN 1 ELSE 0 END",
                    "SELECT CASE WHEN pg_advisory_unlock(?) THEN 1 ELSE 0 END");
        }
    }
}
