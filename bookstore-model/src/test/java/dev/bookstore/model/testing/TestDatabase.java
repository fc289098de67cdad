package dev.bookstore.model.testing;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.sql.Layer;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * One database for one test invocation: hands out warehouses isolated from every other test (a fresh in-memory
 * database, or a fresh namespace on a server) and drops what they created afterwards.
 */
public final class TestDatabase implements AutoCloseable {
    private final DatabaseKind kind;
    private final List<Warehouse> opened = new ArrayList<>();
    private final String namespace = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String memoryName = "bookstore_test_" + UUID.randomUUID().toString().replace("-", "");
    private Warehouse warehouse;

    TestDatabase(DatabaseKind kind) {
        this.kind = kind;
    }

    /** Which database this is. */
    public DatabaseKind kind() {
        return kind;
    }

    /** The JDBC URL of this test's database (shared in-memory name for the embedded ones). */
    public String url() {
        return switch (kind) {
            case DUCKDB -> "jdbc:duckdb:memory:" + memoryName;
            case H2 -> "jdbc:h2:mem:" + memoryName;
            default -> kind.url();
        };
    }

    /** The namespace that isolates this test on a server database ("" on embedded ones). */
    public String namespace() {
        return kind.isServer() ? namespace : "";
    }

    /** The test's default warehouse, created (not initialised) on first use and closed after the test. */
    public Warehouse warehouse() {
        if (warehouse == null) {
            warehouse = connect(WarehouseConfig.defaults());
        }
        return warehouse;
    }

    /**
     * Another warehouse on the same database with {@code config}; its namespace is replaced by this test's
     * isolating namespace on server databases (so pass namespaces only on embedded ones).
     */
    public Warehouse connect(WarehouseConfig config) {
        WarehouseConfig isolated = kind.isServer() && config.namespace().isEmpty()
                ? config.withNamespace(namespace) : config;
        Warehouse wh = Warehouse.connect(url(), isolated.withConnectTimeout(java.time.Duration.ofSeconds(10)));
        opened.add(wh);
        return wh;
    }

    /**
     * A warehouse whose database stops answering once it is open: the first connection (dialect detection) reaches
     * this test's database, every later one is refused as a server that went down refuses it (SQLSTATE
     * {@code 08001}, "Connection refused").
     */
    public Warehouse unreachableWarehouse() {
        AtomicBoolean opened = new AtomicBoolean();
        DataSource refusing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.getName().equals("toString") ? "unreachable " + kind : null;
                    }
                    if (opened.compareAndSet(false, true)) {
                        return DriverManager.getConnection(url());
                    }
                    throw new SQLException("Connection refused", "08001");
                });
        return Warehouse.using(refusing, kind.isServer() ? WarehouseConfig.defaults().withNamespace(namespace)
                : WarehouseConfig.defaults());
    }

    /** Drops what this test created on a server database and closes every warehouse. */
    @Override
    public void close() throws SQLException {
        try {
            if (kind.isServer() && !opened.isEmpty()) {
                dropNamespace(opened.get(0));
            }
        } finally {
            for (Warehouse wh : opened) {
                wh.close();
            }
        }
    }

    private void dropNamespace(Warehouse wh) {
        wh.withConnection(c -> {
            if (kind == DatabaseKind.POSTGRESQL || kind == DatabaseKind.TRINO) {
                for (Layer layer : Layer.values()) {
                    exec(c, "DROP SCHEMA IF EXISTS " + namespace + "_" + layer.word() + " CASCADE");
                }
            } else {
                List<String> tables = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = DATABASE() AND table_name LIKE ?")) {
                    ps.setString(1, namespace + "\\_%");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            tables.add(rs.getString(1));
                        }
                    }
                }
                exec(c, "SET FOREIGN_KEY_CHECKS = 0");
                for (String t : tables) {
                    exec(c, "DROP TABLE IF EXISTS " + t);
                }
                exec(c, "SET FOREIGN_KEY_CHECKS = 1");
            }
            return null;
        });
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
