package dev.bookstore.metrics;

import dev.bookstore.model.NotReadyException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.sql.SqlResources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/** Runs the metrics' SQL on one warehouse: renders a template, binds its parameters, reads the rows. */
final class Queries {
    private final Warehouse wh;

    Queries(Warehouse wh) {
        this.wh = wh;
    }

    Warehouse warehouse() {
        return wh;
    }

    /** Reads one result row. @param <T> the row's type */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The SQL template {@code name}.sql beside this class (comments stripped, cached). */
    static String template(String name) {
        return SqlResources.load(Queries.class, name);
    }

    /** The rows of template {@code template} rendered with {@code fragments}, bound with {@code params}. */
    <T> List<T> list(String template, Map<String, String> fragments, Map<String, ?> params, Row<T> row) {
        return listSql(template, template(template), fragments, params, row);
    }

    /**
     * The rows of SQL template {@code sql} rendered with {@code fragments} (and {@code {{events}}}), bound with
     * {@code params}; {@code metric} names it in errors.
     */
    <T> List<T> listSql(String metric, String sql, Map<String, String> fragments, Map<String, ?> params,
                        Row<T> row) {
        try {
            return wh.withHandle(h -> {
                Query q = h.createQuery(sql).define("events", Relations.EVENTS).bindMap(params);
                fragments.forEach(q::define);
                return q.map((rs, ctx) -> row.read(rs)).list();
            });
        } catch (NotReadyException e) {
            throw new NotReadyException("metric " + metric + " failed on " + wh.dialect().name() + ": "
                    + e.getMessage() + " (the metrics read the marts: build them first with Transform.on(warehouse)"
                    + ".run())", e);
        } catch (WarehouseException e) {
            throw new WarehouseException("metric " + metric + " failed on " + wh.dialect().name() + ": "
                    + e.getMessage(), metric, e);
        }
    }

    /** The one row of a query that always returns one (an aggregate without GROUP BY). */
    <T> T one(String template, Map<String, String> fragments, Map<String, ?> params, Row<T> row) {
        List<T> rows = list(template, fragments, params, row);
        if (rows.size() != 1) {
            throw new IllegalStateException(template + " returned " + rows.size() + " rows instead of one");
        }
        return rows.get(0);
    }

    // ------------------------------------------------------------------ reading values (by column name)

    /** Money with two decimals; 0.00 for NULL (an empty sum). */
    static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? Money.ZERO : v.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** A count; 0 for NULL (an empty sum). */
    static long count(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? 0 : v;
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static Optional<LocalDate> optionalDate(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, LocalDate.class));
    }

    static String text(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? Metrics.UNKNOWN : v;
    }

    /** A number of seconds (possibly fractional, e.g. a percentile) as a duration to the millisecond. */
    static Optional<Duration> seconds(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(v * 1000)));
    }

    static Optional<Double> optionalDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
