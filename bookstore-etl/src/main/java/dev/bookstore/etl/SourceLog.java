package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.SqlResources;
import java.sql.Connection;
import java.time.Instant;
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
    static void record(Connection c, Warehouse wh, String loadId, Plan<?> plan, String sourceName) {
        wh.withHandle(c, h -> {
            h.createUpdate(sql(wh, "forget")).define("statement", "ingest_sources.forget")
                    .bind("load_id", loadId).bind("source_kind", plan.kind().code()).bind("source_name", sourceName)
                    .execute();
            return h.createUpdate(sql(wh, "record")).define("statement", "ingest_sources.record")
                    .bind("load_id", loadId)
                    .bind("source_kind", plan.kind().code())
                    .bind("source_name", sourceName)
                    .bind("source_format", plan.format())
                    .bind("header_line", plan.header().orElse(null))
                    .bind("recorded_at", Instant.now())
                    .execute();
        });
    }

    /** Every recorded source of {@code kind}. */
    static Map<Key, Entry> entries(Connection c, Warehouse wh, SourceKind kind) {
        Map<Key, Entry> out = new HashMap<>();
        wh.withHandle(c, h -> h.createQuery(sql(wh, "entries")).define("statement", "ingest_sources.entries")
                .bind("source_kind", kind.code())
                .map((rs, ctx) -> Map.entry(new Key(rs.getString("load_id"), rs.getString("source_name")),
                        new Entry(rs.getString("source_format"), Optional.ofNullable(rs.getString("header_line")))))
                .list()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String sql(Warehouse wh, String name) {
        return wh.render(SqlResources.load(SourceLog.class, "SourceLog/" + name));
    }
}
