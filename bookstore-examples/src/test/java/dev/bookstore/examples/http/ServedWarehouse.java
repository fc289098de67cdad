package dev.bookstore.examples.http;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.Transform;
import dev.bookstore.etl.TransformOptions;
import dev.bookstore.etl.TransformReport;
import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ChurnOptions;
import dev.bookstore.ml.Clv;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.ml.Recommender;
import dev.bookstore.ml.RecommenderOptions;
import dev.bookstore.ml.RfmSummary;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A warehouse built once per JVM and database from generated data by the real pipeline (ingest with planted
 * problems, so quarantine has rows; transform; data tests), a churn model and a recommender trained on it and
 * written to a models folder, customer lifetime values stored in it, and the service started over both. Server namespaces are dropped when the JVM ends.
 *
 * @param kind the database
 * @param warehouse the warehouse
 * @param models the models folder
 * @param service the running service
 */
record ServedWarehouse(DatabaseKind kind, Warehouse warehouse, Path models, BookstoreService service) {
    /** The generated data's 12 months start here. */
    static final LocalDate START = LocalDate.of(2025, 1, 1);
    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    static final String FROM = "2025-10-01";
    static final String TO = "2025-12-31";

    private static final Map<DatabaseKind, ServedWarehouse> BUILT = new ConcurrentHashMap<>();
    private static Path data;

    /** The served warehouse on {@code kind} (built on first use). */
    static ServedWarehouse on(DatabaseKind kind) {
        return BUILT.computeIfAbsent(kind, ServedWarehouse::build);
    }

    static synchronized Path data() {
        if (data == null) {
            try {
                data = Files.createTempDirectory("bookstore-http-test");
                Generator.generate(GeneratorOptions.defaults().withCustomers(1_500).withProducts(200).withMonths(12)
                        .withEvents(20_000).withOrdersPerMonth(800).withSeed(5).withStart(START).withProblems(true), data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }

    /** The recommender's options: the defaults with fewer ALS factors (a faster fit). */
    static final RecommenderOptions RECOMMENDER = RecommenderOptions.defaults().withFactors(8);

    /** Fits the CLV models up to {@link #AS_OF} and stores 52-week values, as {@code bookstore train} does. */
    static Clv storeClv(Warehouse wh) {
        RfmSummary summary = Clv.summary(wh, AS_OF);
        Clv clv = Clv.fit(summary);
        clv.store(wh, AS_OF, clv.preferred(), 52, clv.values(summary, clv.preferred(), 52, 0.01));
        return clv;
    }

    /** A churn model trained on {@code wh} with {@code trees} trees. */
    static ChurnModel train(Warehouse wh, int trees) {
        return ChurnModel.train(wh, AS_OF, ChurnOptions.defaults().withTrees(trees).withMaxDepth(6));
    }

    private static ServedWarehouse build(DatabaseKind kind) {
        Path dir = data();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = switch (kind) {
            case DUCKDB -> "jdbc:duckdb:memory:http_" + id;
            case H2 -> "jdbc:h2:mem:http_" + id;
            default -> kind.url();
        };
        WarehouseConfig config = WarehouseConfig.defaults().withConnectTimeout(Duration.ofSeconds(10));
        String namespace = "h" + id;
        if (kind.isServer()) {
            config = config.withNamespace(namespace);
        }
        Warehouse wh = Warehouse.connect(url, config);
        Ingest.into(wh).customers(dir.resolve("raw_customers.csv")).products(dir.resolve("raw_products.csv"))
                .orders(dir.resolve("raw_orders.csv")).events(dir.resolve("clickstream_events.jsonl"))
                .options(IngestOptions.defaults().withClock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"),
                        ZoneOffset.UTC))).run();
        Transform transform = Transform.on(wh).options(TransformOptions.defaults().withPiiSalt("http-test-salt")
                .withSnapshotDay(LocalDate.of(2026, 1, 15)));
        TransformReport report = transform.run();
        if (!report.succeeded()) {
            throw new IllegalStateException("transform failed: " + report);
        }
        transform.test();
        try {
            Path models = Files.createTempDirectory("bookstore-http-models");
            ModelFile.write(train(wh, 30), models.resolve(ModelShelf.CHURN_FILE));
            Recommender.train(wh, AS_OF, RECOMMENDER).write(models.resolve(ModelShelf.RECS_FILE));
            storeClv(wh);
            BookstoreService service = BookstoreService.start(wh, models, new InetSocketAddress("127.0.0.1", 0),
                    Duration.ofMillis(200));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                if (kind == DatabaseKind.POSTGRESQL) {
                    wh.withConnection(c -> {
                        try (Statement s = c.createStatement()) {
                            for (Layer layer : Layer.values()) {
                                s.execute("DROP SCHEMA IF EXISTS " + namespace + "_" + layer.word() + " CASCADE");
                            }
                        }
                        return null;
                    });
                }
                wh.close();
            }));
            return new ServedWarehouse(kind, wh, models, service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
