package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.sql.SqlResources;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The highest watermark value of an incremental {@link JdbcSource}, as stored in {@code meta.ingest_watermarks}.
 *
 * @param type {@code number}, {@code timestamp} (without zone), {@code timestamptz} (an instant) or {@code date}
 * @param value a {@link BigDecimal}, {@link LocalDateTime}, {@link Instant} or {@link LocalDate}
 */
record Watermark(String type, Comparable<?> value) {

    static TableName table(Warehouse wh) {
        return wh.table(Layer.META, "ingest_watermarks");
    }

    /** The watermark type of a JDBC column type, or empty when such a column cannot be a watermark. */
    static Optional<String> typeOf(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE -> Optional.of("number");
            case Types.TIMESTAMP -> Optional.of("timestamp");
            case Types.TIMESTAMP_WITH_TIMEZONE -> Optional.of("timestamptz");
            case Types.DATE -> Optional.of("date");
            default -> Optional.empty();
        };
    }

    /** The value of column {@code i} of type {@code type} in the current row, or empty when it is NULL. */
    static Optional<Watermark> read(ResultSet rs, int i, String type) throws SQLException {
        Comparable<?> v = switch (type) {
            case "number" -> rs.getBigDecimal(i);
            case "timestamp" -> rs.getObject(i, LocalDateTime.class);
            case "timestamptz" -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case "date" -> rs.getObject(i, LocalDate.class);
            default -> throw new IllegalArgumentException(type);
        };
        return v == null ? Optional.empty() : Optional.of(new Watermark(type, v));
    }

    /** The greater of this and {@code other} (same type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Watermark max(Watermark other) {
        return ((Comparable) value).compareTo(other.value) >= 0 ? this : other;
    }

    /** Binds this value as parameter {@code i}. */
    void bind(PreparedStatement ps, int i) throws SQLException {
        switch (type) {
            case "number" -> ps.setBigDecimal(i, (BigDecimal) value);
            case "timestamptz" -> ps.setObject(i, ((Instant) value).atOffset(ZoneOffset.UTC));
            default -> ps.setObject(i, value);
        }
    }

    String text() {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    static Watermark parse(String type, String text) {
        return new Watermark(type, switch (type) {
            case "number" -> new BigDecimal(text);
            case "timestamp" -> LocalDateTime.parse(text);
            case "timestamptz" -> Instant.parse(text);
            case "date" -> LocalDate.parse(text);
            default -> throw new InputException("stored watermark type '" + type + "' is unknown");
        });
    }

    /** The stored watermark of source {@code name} for {@code column}, if any. */
    static Optional<Watermark> stored(Connection c, Warehouse wh, String name, String column) {
        Optional<String[]> row = wh.withHandle(c, h -> h.createQuery(sql(wh, "stored"))
                .define("statement", "ingest_watermarks.stored").bind("source_name", name)
                .map((rs, ctx) -> new String[] {rs.getString("watermark_column"), rs.getString("value_type"),
                        rs.getString("watermark_value")})
                .findFirst());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!row.get()[0].equalsIgnoreCase(column)) {
            throw new InputException("JDBC source '" + name + "' was read incrementally by column '"
                    + row.get()[0] + "', not '" + column + "': give the source another name to start "
                    + "over, or delete its row from " + table(wh));
        }
        return Optional.of(parse(row.get()[1], row.get()[2]));
    }

    /** Stores this as the watermark of source {@code name}. */
    void store(Connection c, Warehouse wh, String name, SourceKind kind, String column, String loadId) {
        wh.withHandle(c, h -> {
            h.createUpdate(sql(wh, "forget")).define("statement", "ingest_watermarks.forget")
                    .bind("source_name", name).execute();
            return h.createUpdate(sql(wh, "store")).define("statement", "ingest_watermarks.store")
                    .bind("source_name", name)
                    .bind("source_kind", kind.code())
                    .bind("watermark_column", column)
                    .bind("value_type", type)
                    .bind("watermark_value", text())
                    .bind("load_id", loadId)
                    .bind("updated_at", Instant.now())
                    .execute();
        });
    }

    private static String sql(Warehouse wh, String name) {
        return wh.render(SqlResources.load(Watermark.class, "Watermark/" + name));
    }
}
