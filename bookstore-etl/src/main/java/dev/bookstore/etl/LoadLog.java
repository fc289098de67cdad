package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * The {@code meta.load_log} table: one row per file loaded, keyed by source kind and the file's SHA-256, so that
 * the same content is not loaded twice.
 */
final class LoadLog {
    private LoadLog() {
    }

    static TableName table(Warehouse wh) {
        return wh.table(Layer.META, "load_log");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The hex SHA-256 of a file's bytes. */
    static String sha256(Path file) {
        MessageDigest md = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e, e);
        }
        return hex(md.digest());
    }

    /** Whether content with {@code sha256} was loaded as {@code kind} before. */
    static boolean loaded(Warehouse wh, SourceKind kind, String sha256) {
        return wh.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table(wh).sql()
                    + " WHERE source_kind = ? AND sha256 = ?")) {
                ps.setString(1, kind.code());
                ps.setString(2, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    /** Records a finished load, replacing an earlier record of the same content. */
    static void record(Connection c, Warehouse wh, String sha256, long bytes, String loadId, Instant started,
                       Instant finished, SourceReport report) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table(wh).sql()
                + " WHERE source_kind = ? AND sha256 = ?")) {
            ps.setString(1, report.source().code());
            ps.setString(2, sha256);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table(wh).sql() + " (source_kind, sha256, "
                + "source_name, file_bytes, load_id, rows_read, rows_loaded, rows_rejected, rows_duplicate, "
                + "started_at, finished_at, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, report.source().code());
            ps.setString(2, sha256);
            ps.setString(3, report.file());
            ps.setLong(4, bytes);
            ps.setString(5, loadId);
            ps.setLong(6, report.read());
            ps.setLong(7, report.loaded());
            ps.setLong(8, report.rejected());
            ps.setLong(9, report.duplicates());
            ps.setObject(10, LocalDateTime.ofInstant(started, ZoneOffset.UTC));
            ps.setObject(11, LocalDateTime.ofInstant(finished, ZoneOffset.UTC));
            ps.setString(12, report.toJsonNode().toString());
            ps.executeUpdate();
        }
    }

    /** Lower-case hex of a digest. */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
