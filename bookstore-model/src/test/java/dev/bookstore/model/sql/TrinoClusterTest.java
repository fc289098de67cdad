package dev.bookstore.model.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import io.trino.jdbc.TrinoResultSet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The Trino test cluster really is two nodes, and a query's work is spread over both. */
class TrinoClusterTest {
    @EachDatabase(DatabaseKind.TRINO)
    void twoActiveNodesBothRunTasksOfOneQuery(Warehouse wh) {
        assertEquals("trino", wh.dialect().name());
        wh.withConnection(c -> {
            // the scheduler's node set follows the heartbeats by a few seconds, and a loaded machine can delay a
            // worker's announcement: wait up to a minute for both nodes before judging
            List<String> nodes = activeNodes(c);
            for (int i = 0; i < 60 && nodes.size() < 2; i++) {
                sleep();
                nodes = activeNodes(c);
            }
            assertEquals(2, nodes.size(), "active nodes after waiting 60 s: " + nodes);
            // a grouped aggregation over a table of two files: its stages are spread over every node
            TableName t = wh.table(Layer.META, "scratch_spread");
            for (String sql : wh.dialect().createSchemaFor(t)) {
                exec(c, sql);
            }
            exec(c, "CREATE TABLE " + t.sql() + " AS SELECT x, x % 97 AS k FROM UNNEST(sequence(1, 10000)) AS u(x)");
            exec(c, "INSERT INTO " + t.sql() + " SELECT x + 10000, x % 97 FROM UNNEST(sequence(1, 10000)) AS u(x)");
            String queryId;
            long groups = 0;
            long total = 0;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT k, count(*) FROM " + t.sql() + " GROUP BY k")) {
                queryId = rs.unwrap(TrinoResultSet.class).getQueryId();
                while (rs.next()) {
                    groups++;
                    total += rs.getLong(2);
                }
            }
            assertEquals(97, groups);
            assertEquals(20_000, total);
            List<String> ran = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT node_id FROM system.runtime.tasks WHERE query_id = ? ORDER BY node_id")) {
                ps.setString(1, queryId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ran.add(rs.getString(1));
                    }
                }
            }
            assertEquals(nodes, ran, "nodes that ran tasks of query " + queryId);
            assertTrue(ran.size() >= 2);
            return null;
        });
    }

    private static List<String> activeNodes(java.sql.Connection c) throws java.sql.SQLException {
        List<String> nodes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT node_id FROM system.runtime.nodes WHERE state = 'active' ORDER BY node_id")) {
            while (rs.next()) {
                nodes.add(rs.getString(1));
            }
        }
        return nodes;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the worker", e);
        }
    }

    private static void exec(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
