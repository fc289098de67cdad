package dev.bookstore.ml;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.Transform;
import dev.bookstore.etl.transform.TransformOptions;
import dev.bookstore.etl.transform.TransformReport;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ML test data set — 3,000 customers, 12 months of 2025, 50,000 events — generated once per JVM, and DuckDB
 * warehouses built from it once per name.
 */
final class MlTestData {
    static final TransformOptions TRANSFORM = TransformOptions.defaults().withPiiSalt("ml-test-salt")
            .withSnapshotDay(LocalDate.of(2026, 1, 15));
    static final IngestOptions INGEST = IngestOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private static Path dir;
    private static final Map<String, Warehouse> DUCK = new ConcurrentHashMap<>();

    private MlTestData() {
    }

    static GeneratorOptions options() {
        return GeneratorOptions.defaults().withCustomers(3_000).withProducts(300).withMonths(12).withEvents(50_000)
                .withOrdersPerMonth(1_200).withSeed(11).withStart(LocalDate.of(2025, 1, 1));
    }

    /** The generated files' directory (generated on first use). */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("bookstore-ml-test");
                Generator.generate(options(), d);
                try (var files = Files.list(d)) {
                    files.forEach(f -> f.toFile().deleteOnExit());
                }
                d.toFile().deleteOnExit();
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** A shared in-memory DuckDB warehouse holding the generated data set; callers must not change it. */
    static Warehouse duckDb() {
        return DUCK.computeIfAbsent("generated", k -> {
            Warehouse wh = Warehouse.connect("jdbc:duckdb:");
            load(wh, dir());
            return wh;
        });
    }

    /** Ingests the four files from {@code d} into {@code wh} and builds the marts. */
    static void load(Warehouse wh, Path d) {
        wh.init();
        Ingest.into(wh).customers(d.resolve("raw_customers.csv")).products(d.resolve("raw_products.csv"))
                .orders(d.resolve("raw_orders.csv")).events(d.resolve("clickstream_events.jsonl"))
                .options(INGEST).run();
        TransformReport report = Transform.on(wh).options(TRANSFORM).run();
        if (!report.succeeded()) {
            throw new IllegalStateException("transform failed: " + report);
        }
    }
}
