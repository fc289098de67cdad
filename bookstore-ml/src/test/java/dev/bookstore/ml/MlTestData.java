package dev.bookstore.ml;

import dev.bookstore.etl.TransformOptions;
import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.GeneratedData;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The ML test data set — 3,000 customers, 12 months of 2025, 50,000 events — generated once per JVM
 * ({@link GeneratedData}), and a DuckDB warehouse built from it by the shared fixture ({@link Warehouses}).
 */
final class MlTestData {
    static final TransformOptions TRANSFORM = Warehouses.transformOptions("ml-test-salt");

    private MlTestData() {
    }

    static GeneratorOptions options() {
        return GeneratorOptions.defaults().withCustomers(3_000).withProducts(300).withMonths(12).withEvents(50_000)
                .withOrdersPerMonth(1_200).withSeed(11).withStart(LocalDate.of(2025, 1, 1));
    }

    /** The generated files' directory (generated on first use). */
    static Path dir() {
        return GeneratedData.of(options()).dir();
    }

    /** A shared in-memory DuckDB warehouse holding the generated data set; callers must not change it. */
    static Warehouse duckDb() {
        return Warehouses.build(DatabaseKind.DUCKDB, "ml-generated", wh -> load(wh, dir()));
    }

    /** Ingests the generator's files from {@code d} into {@code wh} and builds the marts. */
    static void load(Warehouse wh, Path d) {
        Warehouses.load(wh, d, TRANSFORM);
    }
}
