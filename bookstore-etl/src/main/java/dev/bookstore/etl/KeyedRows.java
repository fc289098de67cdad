package dev.bookstore.etl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** The keys already in a raw table plus those loaded so far: decides which rows are duplicates. */
final class KeyedRows {
    private final Set<String> keys = new HashSet<>();

    /** Adds every value of {@code keyColumn} in {@code tableSql}. */
    void preload(Connection c, String tableSql, String keyColumn) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + keyColumn + " FROM " + tableSql)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
    }

    /** True (and remembers it) when {@code key} is new. */
    boolean claim(String key) {
        return keys.add(key);
    }
}
