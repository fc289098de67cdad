package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reading model tables back in tests. */
final class Tables {
    private Tables() {
    }

    /** Every row of a model, each as a normalised string, sorted: for comparing two builds row for row. */
    static List<String> dump(Warehouse wh, Layer layer, String model) {
        List<String> rows = query(wh, "SELECT * FROM " + wh.table(layer, model).sql(), rs -> {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder s = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                s.append(i == 1 ? "" : "|").append(normalise(rs.getObject(i)));
            }
            return s.toString();
        });
        Collections.sort(rows);
        return rows;
    }

    static String normalise(Object v) {
        if (v == null) {
            return "∅";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return v.toString();
    }

    /** Runs {@code sql} and maps each row. */
    static <T> List<T> query(Warehouse wh, String sql, RowMapper<T> mapper) {
        return wh.withConnection(c -> {
            List<T> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(wh.render(sql))) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        });
    }

    /** A row mapper that may throw SQLException. @param <T> the row type */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws java.sql.SQLException;
    }

    static long count(Warehouse wh, String sql) {
        return query(wh, sql, rs -> rs.getLong(1)).get(0);
    }

    /** Rows keyed by their first column. */
    static <T> Map<String, T> byKey(Warehouse wh, String sql, RowMapper<T> mapper) {
        Map<String, T> out = new HashMap<>();
        wh.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(wh.render(sql))) {
                while (rs.next()) {
                    out.put(rs.getString(1), mapper.map(rs));
                }
            }
            return null;
        });
        return out;
    }

    static LocalDate date(ResultSet rs, int i) throws java.sql.SQLException {
        return rs.getObject(i, LocalDate.class);
    }

    static LocalDateTime timestamp(ResultSet rs, int i) throws java.sql.SQLException {
        return rs.getObject(i, LocalDateTime.class);
    }

    /** Models in a layer. */
    static List<String> models(Layer layer) {
        return BuiltInModels.graph().order().stream().filter(m -> m.layer() == layer).map(Model::name).toList();
    }

    /** Drops the models after a test (views are not dropped by the test database's clean-up on MariaDB). */
    static void dropModels(Warehouse wh) {
        Transform.on(wh).dropModels();
    }

    static <K, V> Map<K, V> index(List<V> values, Function<V, K> key) {
        Map<K, V> out = new HashMap<>();
        values.forEach(v -> out.put(key.apply(v), v));
        return out;
    }
}
