package dev.bookstore.etl.testing;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.Transform;
import dev.bookstore.etl.TransformOptions;
import dev.bookstore.etl.TransformReport;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared test fixture "a warehouse built from generated data": warehouses built once per JVM, database and
 * name by the real pipeline ({@link Ingest#directory} + {@link Transform}) and shared by the test classes that
 * only read them; each lives in its own in-memory database or server namespace and is dropped when the test run
 * ends. Used by the metrics and ml tests, which depend on this test-jar in test scope only (never main code). Register
 * with {@code @ExtendWith(Warehouses.class)} so that server namespaces are dropped.
 *
 * <pre>{@code
 * static final TransformOptions TRANSFORM = Warehouses.transformOptions("metrics-test-salt");
 * Warehouse wh = Warehouses.build(kind, "generated", w -> Warehouses.load(w, data.dir(), TRANSFORM));
 * }</pre>
 */
public final class Warehouses implements BeforeAllCallback {
    /** Ingest with "now" fixed after every generated date (2026-06-01), so no generated date is in the future. */
    public static final IngestOptions INGEST = IngestOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private static final Map<String, Built> BUILT = new ConcurrentHashMap<>();
    private static final List<Built> ALL = new ArrayList<>();

    /** The transform options of the fixture: this PII salt and the snapshot day 2026-01-15. */
    public static TransformOptions transformOptions(String piiSalt) {
        return TransformOptions.defaults().withPiiSalt(piiSalt).withSnapshotDay(LocalDate.of(2026, 1, 15));
    }

    /**
     * A warehouse built from files, and how to drop it.
     *
     * @param kind its database
     * @param warehouse the warehouse
     * @param namespace its namespace on a server ("" on embedded databases)
     */
    public record Built(DatabaseKind kind, Warehouse warehouse, String namespace) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.create(Warehouses.class))
                .getOrComputeIfAbsent("cleanup", k -> new Cleanup(), Cleanup.class);
    }

    /** A warehouse on {@code kind} loaded by {@code loader} under {@code name} (built on first use per name). */
    public static Warehouse build(DatabaseKind kind, String name, Consumer<Warehouse> loader) {
        return build(kind, name, WarehouseConfig.defaults(), loader);
    }

    /** A warehouse on {@code kind} with {@code config}, loaded by {@code loader} (built on first use per name). */
    public static Warehouse build(DatabaseKind kind, String name, WarehouseConfig config,
                                  Consumer<Warehouse> loader) {
        return BUILT.computeIfAbsent(kind + "/" + name, k -> {
            Built b = open(kind, config);
            synchronized (ALL) {
                ALL.add(b);
            }
            loader.accept(b.warehouse());
            return b;
        }).warehouse();
    }

    /** A fresh, empty warehouse the caller must drop with {@link #drop}; for tests that change data. */
    public static Built fresh(DatabaseKind kind, WarehouseConfig config) {
        return open(kind, config);
    }

    /** Ingests the generator's files from {@code dir} ({@link Ingest#directory}) and builds the models. */
    public static void load(Warehouse wh, Path dir, TransformOptions transform) {
        wh.init();
        Ingest.into(wh).directory(dir).options(INGEST).run();
        transform(wh, transform);
    }

    /** Runs the transform, failing loudly when a model fails. */
    public static void transform(Warehouse wh, TransformOptions options) {
        TransformReport report = Transform.on(wh).options(options).run();
        if (!report.succeeded()) {
            throw new IllegalStateException("transform failed: " + report);
        }
    }

    private static Built open(DatabaseKind kind, WarehouseConfig config) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String namespace = kind.isServer() ? "m" + id : "";
        String url = switch (kind) {
            case DUCKDB -> "jdbc:duckdb:memory:fixture_" + id;
            case H2 -> "jdbc:h2:mem:fixture_" + id;
            default -> kind.url();
        };
        WarehouseConfig c = config.withConnectTimeout(Duration.ofSeconds(10));
        if (kind.isServer()) {
            c = c.withNamespace(namespace);
        }
        return new Built(kind, Warehouse.connect(url, c), namespace);
    }

    /** Drops every built warehouse when the test run ends. */
    private static final class Cleanup implements AutoCloseable {
        @Override
        public void close() {
            dropAll();
        }
    }

    private static void dropAll() {
        synchronized (ALL) {
            for (Built b : ALL) {
                drop(b);
            }
            ALL.clear();
            BUILT.clear();
        }
    }

    /** Drops what {@code b} created (its server namespace) and closes it. */
    public static void drop(Built b) {
        try {
            if (b.kind().isServer()) {
                b.warehouse().withConnection(c -> {
                    dropNamespace(c, b.kind(), b.namespace());
                    return null;
                });
            }
        } finally {
            b.warehouse().close();
        }
    }

    private static void dropNamespace(Connection c, DatabaseKind kind, String namespace) throws SQLException {
        if (kind == DatabaseKind.POSTGRESQL || kind == DatabaseKind.TRINO) {
            for (Layer layer : Layer.values()) {
                exec(c, "DROP SCHEMA IF EXISTS " + namespace + "_" + layer.word() + " CASCADE");
            }
            return;
        }
        List<String> tables = new ArrayList<>();
        List<String> views = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, table_type FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_name LIKE ?")) {
            ps.setString(1, namespace + "\\_%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getString(2).toUpperCase(Locale.ROOT).contains("VIEW") ? views : tables).add(rs.getString(1));
                }
            }
        }
        for (String v : views) {
            exec(c, "DROP VIEW IF EXISTS " + v);
        }
        for (String t : tables) {
            exec(c, "DROP TABLE IF EXISTS " + t);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
