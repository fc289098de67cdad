package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code meta.ingest_sources} table: per load and source, the format and the header line it was read with,
 * so that its quarantined rows can be parsed again ({@link QuarantineReplay}).
 */
final class SourceLog {
    /** How one source of one load was read. @param format the plan's format @param header its header line */
    record Entry(String format, Optional<String> header) {
    }

    /** Identifies a source within a load. @param loadId the load @param sourceName the source */
    record Key(String loadId, String sourceName) {
    }

    private SourceLog() {
    }

    static TableName table(Warehouse wh) {
        return wh.table(Layer.META, "ingest_sources");
    }

    /** Records how {@code sourceName} was read by load {@code loadId}, replacing an earlier record. */
    static void record(Connection c, Warehouse wh, String loadId, Plan<?> plan, String sourceName)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table(wh).sql() + " WHERE load_id = ? "
                + "AND source_kind = ? AND source_name = ?")) {
            ps.setString(1, loadId);
            ps.setString(2, plan.kind().code());
            ps.setString(3, sourceName);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table(wh).sql() + " (load_id, source_kind, "
                + "source_name, source_format, header_line, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, loadId);
            ps.setString(2, plan.kind().code());
            ps.setString(3, sourceName);
            ps.setString(4, plan.format());
            ps.setString(5, plan.header().orElse(null));
            ps.setObject(6, LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /** Every recorded source of {@code kind}. */
    static Map<Key, Entry> entries(Connection c, Warehouse wh, SourceKind kind) throws SQLException {
        Map<Key, Entry> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT load_id, source_name, source_format, header_line FROM "
                + table(wh).sql() + " WHERE source_kind = ?")) {
            ps.setString(1, kind.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Key(rs.getString(1), rs.getString(2)),
                            new Entry(rs.getString(3), Optional.ofNullable(rs.getString(4))));
                }
            }
        }
        return out;
    }
}
