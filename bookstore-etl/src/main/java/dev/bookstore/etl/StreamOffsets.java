package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.SqlResources;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code meta.stream_offsets} table: per consumer group and topic partition, the offset of the next record a
 * {@link KafkaStream} will load. {@link #advance} runs in the batch's transaction, so the rows and the position
 * commit together or not at all; a stream reads the positions back when partitions are assigned to it.
 *
 * <p>Each write is fenced: a position moves only from the value this consumer read (or is inserted only when
 * absent), so a consumer that lost a partition to another one without noticing (a "zombie") cannot commit a batch
 * of it: its transaction fails with {@link Fenced} and is rolled back.
 */
final class StreamOffsets {

    /** Another consumer moved a partition's stored position since this consumer read it. */
    static final class Fenced extends RuntimeException {
        Fenced(String message) {
            super(message);
        }
    }

    private StreamOffsets() {
    }

    /** Creates the table when missing (autocommit; DDL commits a transaction on MariaDB). */
    static void create(Warehouse wh) {
        wh.withHandle(h -> h.execute(sql(wh, "create")));
    }

    /** A stored position: the next offset to load and the load (batch) that stored it. */
    record Position(long next, String loadId) {
    }

    /** The stored positions of {@code group}'s partitions. */
    static Map<TopicPartition, Position> read(Warehouse wh, String group) {
        Map<TopicPartition, Position> out = new HashMap<>();
        wh.withHandle(h -> h.createQuery(sql(wh, "read")).define("statement", "stream_offsets.read")
                .bind("consumer_group", group)
                .map((rs, ctx) -> Map.entry(new TopicPartition(rs.getString(1), rs.getInt(2)),
                        new Position(rs.getLong(3), rs.getString(4))))
                .list()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Stores {@code next} as the partition's position on the batch's connection, fenced by {@code expected} (the
     * position this consumer read; empty when the table had none).
     *
     * @throws Fenced when another consumer moved or created the position meanwhile
     */
    static void advance(Connection c, Warehouse wh, String group, TopicPartition partition, Optional<Long> expected,
                        long next, String loadId) throws SQLException {
        int updated;
        try {
            updated = wh.withHandle(c, h -> {
                if (expected.isPresent()) {
                    return h.createUpdate(sql(wh, "advance")).define("statement", "stream_offsets.advance")
                            .bind("next_offset", next).bind("load_id", loadId).bind("updated_at", Instant.now())
                            .bind("consumer_group", group).bind("topic", partition.topic())
                            .bind("kafka_partition", partition.partition()).bind("expected_offset", expected.get())
                            .execute();
                }
                return h.createUpdate(sql(wh, "insert")).define("statement", "stream_offsets.insert")
                        .bind("consumer_group", group).bind("topic", partition.topic())
                        .bind("kafka_partition", partition.partition()).bind("next_offset", next)
                        .bind("load_id", loadId).bind("updated_at", Instant.now())
                        .execute();
            });
        } catch (RuntimeException e) {
            if (isIntegrityViolation(e)) {
                throw new Fenced(partition + " was stored by another consumer of group " + group + " meanwhile");
            }
            throw e;
        }
        if (updated != 1) {
            throw new Fenced(partition + " of group " + group + " is no longer at offset " + expected.orElseThrow()
                    + " in the warehouse: another consumer loaded it meanwhile");
        }
    }

    private static boolean isIntegrityViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("duplicate key")) {
                return true; // DuckDB's constraint error carries no SQLSTATE
            }
        }
        return false;
    }

    private static String sql(Warehouse wh, String name) {
        return wh.render(SqlResources.load(StreamOffsets.class, "StreamOffsets/" + name));
    }
}
