package dev.bookstore.benchmarks;

import dev.bookstore.etl.Ingest;
import dev.bookstore.etl.IngestOptions;
import dev.bookstore.etl.SourceKind;
import dev.bookstore.etl.SourceReport;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Ingest with validation against the database's own load of the same file, side by side in one run: for each
 * size, generated orders ({@code raw_orders.csv}) and events ({@code clickstream_events.jsonl}) are loaded by
 * DuckDB ({@code COPY ... FROM 'file' (HEADER)} into a typed table of the file's columns; {@code read_json} for
 * events) and by PostgreSQL ({@code COPY ... FROM STDIN (FORMAT csv, HEADER)} through the driver's CopyManager;
 * events as one {@code jsonb} value per line) and by MariaDB ({@code LOAD DATA LOCAL INFILE}; events as one
 * {@code JSON} value per line), then by {@link Ingest} into the raw layer (parsing, every rule,
 * quarantine, duplicate detection against the warehouse, lineage). Prints a Markdown table with rows/s and the
 * ratio of the times.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.bookstore.benchmarks.IngestBenchmark \
 *     --rows 1000000 --databases duckdb,postgresql --work /tmp/ingest-bench \
 *     --postgresql 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
 * </pre>
 *
 * <p>Options: {@code --rows N[,N...]} (events per data set, and about as many order lines; default 1000000),
 * {@code --databases} (duckdb, postgresql, mariadb), {@code --work DIR} (data and DuckDB files; data sets are
 * kept and reused), {@code --postgresql URL}, {@code --mariadb URL}, {@code --sources orders,events}. Our ingest is timed from the start of
 * {@code run()} to its return (the products are loaded first, untimed, for the {@code unknown_product} rule); it
 * must read and load every row, or the benchmark fails.
 */
public final class IngestBenchmark {
    private static final String ORDERS_DDL = "(order_id VARCHAR(64), customer_id VARCHAR(64), order_date DATE, "
            + "product_id VARCHAR(64), quantity INTEGER, unit_price DECIMAL(14,2), payment_method VARCHAR(32), "
            + "status VARCHAR(16), ordered_at TIMESTAMPTZ, channel VARCHAR(32), shipping_city VARCHAR(100), "
            + "shipping_state VARCHAR(100), shipping_country VARCHAR(100), shipped_date DATE, delivered_date DATE)";

    private final PrintStream out;
    private final Path work;
    private final String pgUrl;
    private final String mariaDbUrl;
    private final List<String> rowsTable = new ArrayList<>();

    private IngestBenchmark(PrintStream out, Path work, String pgUrl, String mariaDbUrl) {
        this.out = out;
        this.work = work;
        this.pgUrl = pgUrl;
        this.mariaDbUrl = mariaDbUrl;
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(1_000_000L);
        List<String> databases = List.of("duckdb", "postgresql");
        List<String> sources = List.of("orders", "events");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "bookstore-ingest-bench");
        String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        String maria = "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=&sslMode=disable";
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--rows" -> sizes = Arrays.stream(v.split(",")).map(Long::parseLong).toList();
                case "--databases" -> databases = List.of(v.split(","));
                case "--sources" -> sources = List.of(v.split(","));
                case "--work" -> work = Path.of(v);
                case "--postgresql" -> pg = v;
                case "--mariadb" -> maria = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        IngestBenchmark bench = new IngestBenchmark(System.out, work, pg, maria);
        for (long rows : sizes) {
            Path data = bench.data(rows);
            for (String db : databases) {
                for (String source : sources) {
                    bench.run(rows, data, db, source);
                }
            }
        }
        bench.out.println();
        bench.out.println("| data | rows | database | native load | native rows/s | ingest with validation | "
                + "ingest rows/s | ingest / native |");
        bench.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        bench.rowsTable.forEach(bench.out::println);
    }

    /** The generated data set for {@code rows}, made once and reused. */
    private Path data(long rows) throws IOException {
        Path dir = work.resolve("data-" + rows);
        if (Files.exists(dir.resolve(Manifest.FILE_NAME))) {
            return dir;
        }
        // the defaults make about 27 order lines per order of the first month's volume over 12 months
        int ordersPerMonth = (int) Math.max(1, rows / 27);
        long t0 = System.nanoTime();
        Generator.generate(GeneratorOptions.defaults().withEvents((int) rows).withOrdersPerMonth(ordersPerMonth),
                dir);
        out.printf(Locale.ROOT, "generated %s in %.1f s%n", dir, (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    private void run(long size, Path data, String db, String source) throws Exception {
        Manifest manifest = Manifest.read(data);
        String fileName = source.equals("orders") ? Generator.ORDERS_FILE : Generator.EVENTS_FILE;
        Path file = data.resolve(fileName);
        long rows = manifest.files().get(fileName);
        String url = switch (db) {
            case "duckdb" -> {
                Path dbFile = work.resolve("bench-" + size + ".duckdb");
                Files.deleteIfExists(dbFile);
                Files.deleteIfExists(work.resolve("bench-" + size + ".duckdb.wal"));
                yield "jdbc:duckdb:" + dbFile;
            }
            case "postgresql" -> pgUrl;
            case "mariadb" -> mariaDbUrl;
            default -> throw new IllegalArgumentException("unknown database " + db);
        };
        double nativeSeconds = switch (db) {
            case "duckdb" -> nativeDuckDb(url, file, source);
            case "postgresql" -> nativePostgres(url, file, source);
            case "mariadb" -> nativeMariaDb(url, file, source);
            default -> throw new IllegalArgumentException("unknown database " + db);
        };
        WarehouseConfig config = WarehouseConfig.defaults().withNamespace("bench");
        double ingestSeconds;
        try (Warehouse wh = Warehouse.connect(url, config)) {
            dropBench(wh, db);
            wh.init();
            // the data has no planted problems and lies in the past: every row must load
            IngestOptions options = IngestOptions.defaults().withSkipLoadedFiles(false);
            Ingest.into(wh).products(data.resolve(Generator.PRODUCTS_FILE)).options(options).run();
            Ingest ingest = source.equals("orders") ? Ingest.into(wh).orders(file) : Ingest.into(wh).events(file);
            long t0 = System.nanoTime();
            SourceReport r = ingest.options(options).run().source(source.equals("orders") ? SourceKind.ORDERS
                    : SourceKind.EVENTS).orElseThrow();
            ingestSeconds = (System.nanoTime() - t0) / 1e9;
            if (r.read() != rows || r.loaded() != rows) {
                throw new IllegalStateException("ingest of " + file + " read " + r.read() + " and loaded " + r.loaded()
                        + " of " + rows + " rows: rejected " + r.rejectionsByRule() + ", duplicates "
                        + r.duplicates());
            }
            dropBench(wh, db);
        }
        String line = String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %.1f s | %,.0f | %s |", source, rows, db,
                Double.isNaN(nativeSeconds) ? "–" : String.format(Locale.ROOT, "%.1f s", nativeSeconds),
                Double.isNaN(nativeSeconds) ? "–" : String.format(Locale.ROOT, "%,.0f", rows / nativeSeconds),
                ingestSeconds, rows / ingestSeconds,
                Double.isNaN(nativeSeconds) ? "–" : String.format(Locale.ROOT, "%.2f×", ingestSeconds / nativeSeconds));
        out.println(line);
        rowsTable.add(line);
    }

    private static double nativeDuckDb(String url, Path file, String source) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS native_" + source);
            long t0 = System.nanoTime();
            if (source.equals("orders")) {
                s.execute("CREATE TABLE native_orders " + ORDERS_DDL);
                s.execute("COPY native_orders FROM '" + file.toAbsolutePath() + "' (HEADER)");
            } else {
                s.execute("CREATE TABLE native_events AS SELECT * FROM read_json('" + file.toAbsolutePath()
                        + "', format = 'newline_delimited')");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            s.execute("DROP TABLE native_" + source);
            return seconds;
        }
    }

    private static double nativePostgres(String url, Path file, String source) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_native_" + source);
            long t0 = System.nanoTime();
            String copy;
            if (source.equals("orders")) {
                s.execute("CREATE TABLE bench_native_orders " + ORDERS_DDL);
                copy = "COPY bench_native_orders FROM STDIN (FORMAT csv, HEADER true)";
            } else {
                s.execute("CREATE TABLE bench_native_events (doc jsonb)");
                copy = "COPY bench_native_events (doc) FROM STDIN (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')";
            }
            try (InputStream in = Files.newInputStream(file)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, in, 1 << 16);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            s.execute("DROP TABLE bench_native_" + source);
            return seconds;
        }
    }

    /**
     * MariaDB's {@code LOAD DATA LOCAL INFILE} of the file: orders into a typed table of the file's 15 columns
     * (timestamps converted from ISO-8601 text), events as one {@code JSON} (text) value per line.
     */
    private static double nativeMariaDb(String url, Path file, String source) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_native_" + source);
            String path = file.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "''");
            long t0 = System.nanoTime();
            if (source.equals("orders")) {
                s.execute("CREATE TABLE bench_native_orders " + ORDERS_DDL.replace("TIMESTAMPTZ", "DATETIME(6)"));
                s.execute("LOAD DATA LOCAL INFILE '" + path + "' INTO TABLE bench_native_orders CHARACTER SET utf8mb4 "
                        + "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\n' "
                        + "IGNORE 1 LINES (order_id, customer_id, order_date, product_id, quantity, unit_price, "
                        + "payment_method, status, @ordered_at, channel, shipping_city, shipping_state, "
                        + "shipping_country, @shipped_date, @delivered_date) SET "
                        + "ordered_at = STR_TO_DATE(NULLIF(@ordered_at, ''), '%Y-%m-%dT%H:%i:%sZ'), "
                        + "shipped_date = NULLIF(@shipped_date, ''), delivered_date = NULLIF(@delivered_date, '')");
            } else {
                s.execute("CREATE TABLE bench_native_events (doc JSON)");
                s.execute("LOAD DATA LOCAL INFILE '" + path + "' INTO TABLE bench_native_events CHARACTER SET utf8mb4 "
                        + "FIELDS TERMINATED BY '\\t' ESCAPED BY '' LINES TERMINATED BY '\\n' (doc)");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            s.execute("DROP TABLE bench_native_" + source);
            return seconds;
        }
    }

    /** Drops what an earlier run of the benchmark left in the {@code bench} namespace. */
    private static void dropBench(Warehouse wh, String db) {
        wh.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                if (db.equals("mariadb")) {
                    List<String> tables = new ArrayList<>();
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                            + "WHERE table_schema = DATABASE() AND table_name LIKE 'bench\\_%'")) {
                        while (rs.next()) {
                            tables.add(rs.getString(1));
                        }
                    }
                    for (String t : tables) {
                        s.execute("DROP TABLE IF EXISTS `" + t + "`");
                    }
                    return null;
                }
                for (String layer : List.of("raw", "staging", "intermediate", "marts", "meta")) {
                    s.execute("DROP SCHEMA IF EXISTS bench_" + layer + " CASCADE");
                }
            }
            return null;
        });
    }
}
