package dev.bookstore.model.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The dialect fragments the model builder (bookstore-etl transform) uses, checked on every database. */
class DialectTransformTest {

    @EachDatabase(also = DatabaseKind.TRINO)
    void sha256HexMatchesJavaOnAsciiAndUnicodeAndKeepsNull(Warehouse wh) {
        TableName t = scratch(wh, "hash");
        Dialect d = wh.dialect();
        List<String> values = List.of("oliver.nguyen1@example.com", "José Müller ✓ 北京", "salt:abc@x.com", "");
        wh.withConnection(c -> {
            exec(c, "CREATE TABLE " + t.sql() + " (id INTEGER, v VARCHAR(200))");
            try (BulkWriter w = d.runtime().bulkWriter(c, t, List.of("id", "v"))) {
                for (int i = 0; i < values.size(); i++) {
                    w.row(i, values.get(i));
                }
                w.row(99, null);
                w.finish();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, " + d.sha256Hex("v") + " FROM " + t.sql()
                         + " ORDER BY id")) {
                for (String v : values) {
                    assertTrue(rs.next());
                    assertEquals(javaSha256(v), rs.getString(2), "sha256 of '" + v + "' on " + d.name());
                }
                assertTrue(rs.next());
                assertNull(rs.getString(2), "NULL stays NULL on " + d.name());
            }
            return null;
        });
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void replaceViewAcceptsChangedColumns(Warehouse wh) {
        TableName base = scratch(wh, "vbase");
        TableName view = scratch(wh, "vview");
        Dialect d = wh.dialect();
        wh.withConnection(c -> {
            exec(c, "CREATE TABLE " + base.sql() + " (a INTEGER, b VARCHAR(10))");
            exec(c, "INSERT INTO " + base.sql() + " (a, b) VALUES (1, 'x')");
            for (String s : d.replaceView(view, "SELECT a FROM " + base.sql())) {
                exec(c, s);
            }
            for (String s : d.replaceView(view, "SELECT b, a + 1 AS a2 FROM " + base.sql())) {
                exec(c, s);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT b, a2 FROM " + view.sql())) {
                assertTrue(rs.next());
                assertEquals("x", rs.getString(1));
                assertEquals(2, rs.getInt(2));
            }
            assertEquals(Optional.of(RelationKind.VIEW), d.runtime().relationKind(c, view));
            assertEquals(Optional.of(RelationKind.TABLE), d.runtime().relationKind(c, base));
            assertEquals(Optional.empty(), d.runtime().relationKind(c, wh.table(Layer.META, "scratch_absent")));
            exec(c, "DROP VIEW " + view.sql());
            return null;
        });
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void deleteMatchingAndUpdateFromTouchOnlyRowsWithEqualKeys(Warehouse wh) {
        TableName target = scratch(wh, "target");
        TableName source = scratch(wh, "source");
        Dialect d = wh.dialect();
        wh.withConnection(c -> {
            exec(c, "CREATE TABLE " + target.sql() + " (k VARCHAR(10), n INTEGER, a VARCHAR(10), b INTEGER)");
            exec(c, "CREATE TABLE " + source.sql() + " (k VARCHAR(10), n INTEGER, a VARCHAR(10), b INTEGER)");
            exec(c, "INSERT INTO " + target.sql() + " (k, n, a, b) VALUES ('x', 1, 'old', 1), ('x', 2, 'old', 2), "
                    + "('y', 1, 'old', 3)");
            exec(c, "INSERT INTO " + source.sql() + " (k, n, a, b) VALUES ('x', 2, 'new', 20), ('z', 1, 'new', 30)");
            for (String s : d.createIndex(target, "ix_scratch_target", List.of("k", "n"))) {
                exec(c, s);
            }
            for (String s : d.createIndex(target, "ix_scratch_target", List.of("k", "n"))) {
                exec(c, s); // idempotent
            }
            exec(c, d.updateFrom(target, source, List.of("k", "n"), List.of("a", "b")));
            assertEquals(List.of("x|1|old|1", "x|2|new|20", "y|1|old|3"), rows(c, target));
            exec(c, d.deleteMatching(target, source, List.of("k", "n")));
            assertEquals(List.of("x|1|old|1", "y|1|old|3"), rows(c, target));
            exec(c, d.deleteMatching(target, source, List.of("k")));
            assertEquals(List.of("y|1|old|3"), rows(c, target));
            return null;
        });
    }

    @EachDatabase
    void rolesAreGrantedWhereTheDatabaseHasThem(TestDatabase db) {
        Warehouse wh = db.warehouse();
        Dialect d = wh.dialect();
        if (db.kind() == DatabaseKind.DUCKDB || db.kind() == DatabaseKind.H2) {
            assertFalse(d.supportsRoles());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> d.createRole("x_analyst"));
            assertTrue(e.getMessage().contains("not applicable on " + d.name()), e.getMessage());
            return;
        }
        assertTrue(d.supportsRoles());
        String role = db.namespace() + "_reader";
        TableName table = scratch(wh, "granted");
        TableName other = scratch(wh, "notgranted");
        try {
            wh.withConnection(c -> {
                exec(c, "CREATE TABLE " + table.sql() + " (a INTEGER)");
                exec(c, "CREATE TABLE " + other.sql() + " (a INTEGER)");
                for (int twice = 0; twice < 2; twice++) {
                    for (String s : d.createRole(role)) {
                        exec(c, s);
                    }
                    for (String s : d.grantSelect(role, table)) {
                        exec(c, s);
                    }
                }
                assertTrue(canSelect(c, db.kind(), role, table), "role can read the granted table");
                assertFalse(canSelect(c, db.kind(), role, other), "role cannot read another table");
                return null;
            });
        } finally {
            wh.withConnection(c -> {
                for (String s : d.dropRole(role)) {
                    exec(c, s);
                }
                for (String s : d.dropRole(role)) {
                    exec(c, s); // dropping a missing role is harmless
                }
                return null;
            });
        }
    }

    /** Catalog check of a SELECT privilege (test code may know the database). */
    static boolean canSelect(Connection c, DatabaseKind kind, String role, TableName table) throws SQLException {
        if (kind == DatabaseKind.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(?, ?, 'SELECT')")) {
                ps.setString(1, role);
                ps.setString(2, table.sql());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.table_privileges "
                + "WHERE grantee = ? AND table_schema = DATABASE() AND table_name = ? AND privilege_type = 'SELECT'")) {
            ps.setString(1, "'" + role + "'@''");
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private static List<String> rows(Connection c, TableName t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT k, n, a, b FROM " + t.sql() + " ORDER BY k, n")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getInt(4));
            }
        }
        return out;
    }

    private static String javaSha256(String v) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(v.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static TableName scratch(Warehouse wh, String name) {
        TableName t = wh.table(Layer.META, "scratch_" + name);
        wh.withConnection(c -> {
            for (String s : wh.dialect().createSchemaFor(t)) {
                exec(c, s);
            }
            Optional<RelationKind> kind = wh.dialect().runtime().relationKind(c, t);
            if (kind.isPresent()) {
                exec(c, (kind.get() == RelationKind.VIEW ? "DROP VIEW " : "DROP TABLE ") + t.sql());
            }
            return null;
        });
        return t;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
