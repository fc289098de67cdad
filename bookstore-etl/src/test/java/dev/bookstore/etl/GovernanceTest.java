package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.sql.TableName;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/** Personal data never reaches the marts or the docs in clear; analysts get read access to marts only. */
class GovernanceTest {
    @TempDir
    Path dir;

    @EachDatabase
    void noRawEmailAppearsInAnyMartOrInTheDocs(Warehouse wh) throws IOException {
        RawData data = RawData.generated(RawData.small());
        Set<String> emails = data.customers().stream().map(c -> c.email().toLowerCase()).collect(Collectors.toSet());
        Set<String> names = data.customers().stream().map(c -> c.lastName()).collect(Collectors.toSet());
        try {
            data.load(wh);
            Transform.on(wh).options(MartsMatchJavaTest.OPTIONS).run();
            Set<String> values = new HashSet<>();
            for (String mart : Tables.models(Layer.MARTS)) {
                values.addAll(Tables.query(wh, "SELECT * FROM " + wh.table(Layer.MARTS, mart).sql(), rs -> {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('\u0001');
                    }
                    return row.toString();
                }));
            }
            assertTrue(values.size() > 1000);
            for (String row : values) {
                assertFalse(row.contains("@"), "a mart row holds an e-mail-like value: " + row);
                for (String cell : row.split("\u0001")) {
                    assertFalse(emails.contains(cell.toLowerCase()), "raw e-mail in a mart: " + cell);
                    assertFalse(names.contains(cell), "a raw last name in a mart: " + cell);
                }
            }
            // the hash is the salted SHA-256 of the lower-case e-mail, the same on every database
            RawData.Customer first = data.customers().get(0);
            String expected = sha256("test-salt-1234" + first.email().toLowerCase());
            assertEquals(List.of(expected), Tables.query(wh, "SELECT email_hash FROM ${marts:dim_customers} WHERE "
                    + "customer_id = '" + first.id() + "'", rs -> rs.getString(1)));

            DocsFiles docs = Transform.on(wh).docs(dir);
            for (Path p : List.of(docs.dataDictionary(), docs.lineage(), docs.html())) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                assertFalse(text.contains("@example.com"), p + " holds an e-mail address");
                for (String e : emails) {
                    assertFalse(text.contains(e), p + " holds " + e);
                }
            }
            String md = Files.readString(docs.dataDictionary());
            assertTrue(md.contains("### fct_orders"), md);
            assertTrue(md.contains("| email_hash | VARCHAR(64) | Salted SHA-256"), md);
            assertTrue(md.contains("yes (masked)"));
            assertTrue(md.contains("not_null, unique"));
            assertTrue(md.contains("```mermaid\ngraph LR"));
            String mermaid = Files.readString(docs.lineage());
            assertTrue(mermaid.contains("raw_orders --> stg_orders"), mermaid);
            assertTrue(mermaid.contains("fct_order_lines --> fct_daily_revenue"), mermaid);
            String html = Files.readString(docs.html());
            assertTrue(html.startsWith("<!DOCTYPE html>"));
            assertTrue(html.contains("<svg") && html.contains("fct_funnel_steps"));
            assertFalse(html.contains("<script"), "self-contained, no scripts");
            assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                    "no external resources");
        } finally {
            Tables.dropModels(wh);
        }
    }

    @EachDatabase
    void theAnalystRoleReadsMartsOnlyWhereTheDatabaseHasRoles(TestDatabase db) {
        Warehouse wh = db.warehouse();
        RawData data = RawData.generated(RawData.small());
        TransformOptions options = MartsMatchJavaTest.OPTIONS;
        try {
            data.load(wh);
            Transform.on(wh).options(options).run();
            GrantResult result = Transform.on(wh).options(options).grantAnalystRole();
            if (db.kind() == DatabaseKind.DUCKDB || db.kind() == DatabaseKind.H2) {
                GrantResult.NotApplicable n = assertInstanceOf(GrantResult.NotApplicable.class, result);
                assertEquals(wh.dialect().name(), n.database());
                assertTrue(n.reason().contains("embedded"), n.reason());
                return;
            }
            GrantResult.Granted g = assertInstanceOf(GrantResult.Granted.class, result);
            assertEquals(db.namespace() + "_analyst", g.role(), "namespaced: roles are global to a server");
            assertEquals(Tables.models(Layer.MARTS).size(), g.relations().size());
            Transform.on(wh).options(options).grantAnalystRole(); // idempotent
            wh.withConnection(c -> {
                assertTrue(canSelect(c, db.kind(), g.role(), wh.table(Layer.MARTS, "fct_orders")));
                assertTrue(canSelect(c, db.kind(), g.role(), wh.table(Layer.MARTS, "dim_customers")));
                assertFalse(canSelect(c, db.kind(), g.role(), wh.table(Layer.RAW, "customers")));
                assertFalse(canSelect(c, db.kind(), g.role(), wh.table(Layer.STAGING, "stg_orders")));
                return null;
            });
        } finally {
            if (wh.dialect().supportsRoles()) {
                wh.withConnection(c -> {
                    for (String s : wh.dialect().dropRole(ModelProject.analystRole(wh, options))) {
                        Relations.execute(c, s);
                    }
                    return null;
                });
            }
            Tables.dropModels(wh);
        }
    }

    static boolean canSelect(java.sql.Connection c, DatabaseKind kind, String role, TableName table)
            throws SQLException {
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

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
