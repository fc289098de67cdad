package dev.bookstore.benchmarks;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.Transform;
import dev.bookstore.etl.TransformOptions;
import dev.bookstore.ml.FeatureTable;
import dev.bookstore.ml.Features;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.sql.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Feature computation: {@code Features.of(wh).asOf(day)} — the {@code customer_v2} vector of every customer with an
 * order on or before the day, computed by one SQL query pushed down to the marts and read into a
 * {@link FeatureTable} — timed on DuckDB and PostgreSQL over the generator's default data set (50,000 customers,
 * 12 months), loaded through {@link Ingest} and {@link Transform}. Per database: one warm-up call, then
 * {@code --runs} timed calls; prints a Markdown table (median and fastest).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.bookstore.benchmarks.FeatureBenchmark \
 *     --databases duckdb,postgresql --work /tmp/feature-bench \
 *     --postgresql 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
 * </pre>
 *
 * <p>Options: {@code --databases} (duckdb, postgresql), {@code --work DIR} (generated data and the DuckDB file,
 * kept and reused), {@code --postgresql URL}, {@code --namespace NS} (PostgreSQL schemas, default
 * {@code featbench}; reused when its marts exist), {@code --customers N} (default 50000), {@code --as-of DAY}
 * (default 2025-12-31, the last day of the data), {@code --runs N} (default 5). Then 25 single customers
 * ({@code Features.customer(id, day)}, the per-request path), each checked equal to its row of the table. PostgreSQL's planner statistics are
 * refreshed ({@code ANALYZE}) after loading, as a deployment would; the transform does not do it.
 */
public final class FeatureBenchmark {
    private FeatureBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        List<String> databases = List.of("duckdb", "postgresql");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "bookstore-feature-bench");
        String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        String namespace = "featbench";
        int customers = 50_000;
        LocalDate asOf = LocalDate.of(2025, 12, 31);
        int runs = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--databases" -> databases = List.of(v.split(","));
                case "--work" -> work = Path.of(v);
                case "--postgresql" -> pg = v;
                case "--namespace" -> namespace = v;
                case "--customers" -> customers = Integer.parseInt(v);
                case "--as-of" -> asOf = LocalDate.parse(v);
                case "--runs" -> runs = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = work.resolve("data-" + customers);
        if (!Files.exists(data.resolve("manifest.json"))) {
            long t0 = System.nanoTime();
            Generator.generate(GeneratorOptions.defaults().withCustomers(customers), data);
            System.out.println("generate: " + secs(t0));
        }
        StringBuilder table = new StringBuilder();
        table.append("| database | customers in the table | median (ms) | fastest (ms) | µs per customer (median) "
                + "| one customer, median (ms) |\n");
        table.append("|---|---:|---:|---:|---:|---:|\n");
        for (String db : databases) {
            String url = switch (db) {
                case "duckdb" -> "jdbc:duckdb:" + work.resolve("features-" + customers + ".duckdb");
                case "postgresql" -> pg;
                default -> throw new IllegalArgumentException("unknown database " + db);
            };
            WarehouseConfig config = db.equals("duckdb") ? WarehouseConfig.defaults()
                    : WarehouseConfig.defaults().withNamespace(namespace);
            try (Warehouse wh = Warehouse.connect(url, config)) {
                load(wh, data);
                Features features = Features.of(wh);
                FeatureTable warm = features.asOf(asOf);
                double[] ms = new double[runs];
                int rows = 0;
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    FeatureTable t = features.asOf(asOf);
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                    rows = t.matrix().length;
                }
                if (rows != warm.matrix().length || rows == 0) {
                    throw new IllegalStateException(db + ": feature tables differ between calls or are empty");
                }
                Arrays.sort(ms);
                double median = ms[runs / 2];
                // one customer at a time (what `score churn` and a per-request service do), 25 customers
                double[] one = new double[25];
                for (int r = 0; r < one.length; r++) {
                    String id = warm.customerIds().get((int) ((long) r * rows / one.length));
                    long t0 = System.nanoTime();
                    double[] x = features.customer(id, asOf);
                    one[r] = (System.nanoTime() - t0) / 1e6;
                    if (!Arrays.equals(x, warm.row(id).orElseThrow())) {
                        throw new IllegalStateException(db + ": features of " + id + " differ from its table row");
                    }
                }
                Arrays.sort(one);
                table.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %.1f | %,.1f |%n",
                        wh.dialect().name(), rows, median, ms[0], median * 1000 / rows, one[one.length / 2]));
            }
        }
        System.out.println();
        System.out.print(table);
    }

    private static void load(Warehouse wh, Path dir) {
        if (wh.schemaVersion() > 0 && hasMarts(wh)) {
            System.out.println(wh.dialect().name() + ": marts exist, not loading again");
        } else {
            long t0 = System.nanoTime();
            Ingest.into(wh).directory(dir).run();
            System.out.println(wh.dialect().name() + ": ingest " + secs(t0));
            t0 = System.nanoTime();
            var report = Transform.on(wh).options(TransformOptions.defaults().withPiiSalt("benchmark-salt")).run();
            System.out.println(wh.dialect().name() + ": transform " + secs(t0) + ", succeeded " + report.succeeded());
        }
        if (wh.dialect().name().equals("postgresql")) {
            wh.withConnection(c -> {
                for (String t : List.of("fct_orders", "fct_sessions", "dim_customers")) {
                    try (var s = c.createStatement()) {
                        s.execute("ANALYZE " + wh.table(Layer.MARTS, t).sql());
                    }
                }
                return null;
            });
        }
    }

    private static boolean hasMarts(Warehouse wh) {
        try {
            wh.withConnection(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM "
                        + wh.table(Layer.MARTS, "dim_customers").sql())) {
                    return rs.next();
                }
            });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String secs(long t0) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
    }
}
