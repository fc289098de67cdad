package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.SqlResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

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
        return wh.withHandle(h -> h.createQuery(sql(wh, "loaded")).define("statement", "load_log.loaded")
                .bind("source_kind", kind.code()).bind("sha256", sha256).mapTo(Long.class).one() > 0);
    }

    /**
     * The earlier load of content {@code sha256} as {@code kind} that must not be skipped: some of its rows are
     * still quarantined as {@code unknown_product} although products were loaded after it (orders ingested before
     * their products), so a file counts as loaded only for the rows that loaded. Empty when the content may be
     * skipped (or was never loaded).
     */
    static Optional<SourceLog.Key> toReadAgain(Warehouse wh, SourceKind kind, String sha256) {
        if (kind != SourceKind.ORDERS) {
            return Optional.empty();
        }
        return wh.withHandle(h -> {
            long waiting = h.createQuery(sql(wh, "unknown_products_since"))
                    .define("statement", "load_log.unknown_products_since").bind("source_kind", kind.code())
                    .bind("sha256", sha256).bind("rule", "%unknown_product%")
                    .bind("reference_kind", SourceKind.PRODUCTS.code()).mapTo(Long.class).one();
            if (waiting == 0) {
                return Optional.<SourceLog.Key>empty();
            }
            return h.createQuery(sql(wh, "previous")).define("statement", "load_log.previous")
                    .bind("source_kind", kind.code()).bind("sha256", sha256)
                    .map((rs, ctx) -> new SourceLog.Key(rs.getString(1), rs.getString(2))).findFirst();
        });
    }

    /** Deletes the orders rows {@code earlier} quarantined, on the load's connection, before it is read again. */
    static void forgetQuarantined(Connection c, Warehouse wh, SourceLog.Key earlier) {
        wh.withHandle(c, h -> h.createUpdate(sql(wh, "forget_quarantine"))
                .define("statement", "load_log.forget_quarantine")
                .bind("load_id", earlier.loadId()).bind("source_name", earlier.sourceName()).execute());
    }

    /** Records a finished load on the load's connection, replacing an earlier record of the same content. */
    static void record(Connection c, Warehouse wh, String sha256, long bytes, String loadId, Instant started,
                       Instant finished, SourceReport report) {
        wh.withHandle(c, h -> {
            h.createUpdate(sql(wh, "forget")).define("statement", "load_log.forget")
                    .bind("source_kind", report.source().code()).bind("sha256", sha256).execute();
            return h.createUpdate(sql(wh, "record")).define("statement", "load_log.record")
                    .bind("source_kind", report.source().code())
                    .bind("sha256", sha256)
                    .bind("source_name", report.file())
                    .bind("file_bytes", bytes)
                    .bind("load_id", loadId)
                    .bind("rows_read", report.read())
                    .bind("rows_loaded", report.loaded())
                    .bind("rows_rejected", report.rejected())
                    .bind("rows_duplicate", report.duplicates())
                    .bind("started_at", started)
                    .bind("finished_at", finished)
                    .bind("report_json", report.toJsonNode().toString())
                    .execute();
        });
    }

    private static String sql(Warehouse wh, String name) {
        return wh.render(SqlResources.load(LoadLog.class, "LoadLog/" + name));
    }

    /** Lower-case hex of a digest. */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
