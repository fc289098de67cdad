package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Small query helpers for the tests. */
final class Db {
    private Db() {
    }

    static long count(Warehouse wh, Layer layer, String table) {
        return wh.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + wh.table(layer, table).sql())
                .mapTo(Long.class).one());
    }

    static long raw(Warehouse wh, String table) {
        return count(wh, Layer.RAW, table);
    }

    /** Rows of {@code sql} (rendered with the warehouse's placeholders), each as a list of strings. */
    static List<List<String>> rows(Warehouse wh, String sql, Object... params) {
        return wh.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(wh.render(sql))) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<List<String>> out = new ArrayList<>();
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getString(i));
                        }
                        out.add(row);
                    }
                    return out;
                }
            }
        });
    }

    static long scalar(Warehouse wh, String sql, Object... params) {
        return Long.parseLong(rows(wh, sql, params).get(0).get(0));
    }

    /** A clock at the start of {@code day} in London (the default reporting zone). */
    static Clock startOf(LocalDate day) {
        ZoneId london = ZoneId.of("Europe/London");
        return Clock.fixed(day.atStartOfDay(london).toInstant(), london);
    }
}
