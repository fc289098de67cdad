package dev.bookstore.etl;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.RelationKind;
import dev.bookstore.model.sql.TableName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Small JDBC operations on relations that every materialisation needs. */
final class Relations {
    private Relations() {
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** The column names of a relation, lower-case, in order. */
    static List<String> columns(Connection c, TableName t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + t.sql()
                + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Drops a table or view if there is one. */
    static void drop(Warehouse wh, Connection c, TableName t) throws SQLException {
        Optional<RelationKind> kind = wh.dialect().runtime().relationKind(c, t);
        if (kind.isPresent()) {
            execute(c, (kind.get() == RelationKind.VIEW ? "DROP VIEW " : "DROP TABLE ") + t.sql());
        }
    }

    /**
     * Runs {@code work} in a transaction on {@code c}: committed when it returns, rolled back when it throws.
     */
    static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        return Warehouse.inTransaction(c, connection -> work.run());
    }

    /** Work on a connection. @param <T> its result */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** A short stable identifier derived from {@code text}: {@code prefix} and 10 hex digits. */
    static String shortName(String prefix, String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(d).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
