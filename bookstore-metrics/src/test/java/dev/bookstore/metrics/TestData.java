package dev.bookstore.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.etl.TransformOptions;
import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.testing.CsvRows;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.GeneratedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generated test data set — 2,000 customers, 200 books, October to December 2025 (a DST change and the
 * December peak), about 2,300 orders and 30,000 events — generated once per JVM, and its raw files read back with
 * plain code for the oracles (no ingest, no SQL).
 *
 * @param dir the directory holding the generator's files
 * @param manifest the planted truth
 * @param raw the files' rows
 */
record TestData(Path dir, Manifest manifest, Raw raw) {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static GeneratorOptions options() {
        return GeneratorOptions.defaults().withCustomers(2_000).withProducts(200).withMonths(3).withEvents(30_000)
                .withOrdersPerMonth(800).withSeed(7).withStart(LocalDate.of(2025, 10, 1));
    }

    /** The transform options of the metrics tests' warehouses. */
    static final TransformOptions TRANSFORM = Warehouses.transformOptions("metrics-test-salt");

    private static TestData generated;

    /** The data set, generated on first use. */
    static synchronized TestData generated() {
        if (generated == null) {
            try {
                GeneratedData data = GeneratedData.of(options());
                generated = new TestData(data.dir(), data.manifest(), Raw.read(data.dir(), LONDON));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generated;
    }

    /** The generated data set loaded into {@code kind} (built on first use, shared, not to be changed). */
    static Warehouse warehouse(DatabaseKind kind) {
        return Warehouses.build(kind, "generated", wh -> load(wh, generated().dir()));
    }

    /** Ingests the generator's files from {@code dir} and builds the models with {@link #TRANSFORM}. */
    static void load(Warehouse wh, Path dir) {
        Warehouses.load(wh, dir, TRANSFORM);
    }

    /** Runs the transform with {@link #TRANSFORM}, failing loudly when a model fails. */
    static void transform(Warehouse wh) {
        Warehouses.transform(wh, TRANSFORM);
    }

    /** A customer row of raw_customers.csv. */
    record Customer(String id, LocalDate registered, String city, Optional<String> state, String country,
                    Optional<String> channel) {
    }

    /** A product row of raw_products.csv. */
    record Product(String id, String title, String category, String subcategory, BigDecimal price, int stock) {
    }

    /** An order line of raw_orders.csv. */
    record Line(String orderId, Optional<String> customerId, LocalDate orderDate, String productId, int quantity,
                BigDecimal unitPrice, String status, Optional<Instant> orderedAt, Optional<String> channel,
                Optional<String> shipCity, Optional<String> shipState, Optional<String> shipCountry,
                Optional<LocalDate> shipped, Optional<LocalDate> delivered) {
        /** The shared definition of a line that counts as revenue. */
        boolean validSale() {
            return quantity > 0 && unitPrice.signum() > 0 && !status.equals("cancelled");
        }

        BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /** A clickstream event of clickstream_events.jsonl, with its business day in the reporting zone. */
    record Event(String type, String userId, Instant time, LocalDate day, Optional<String> page,
                 Optional<String> query, Optional<String> productId, Optional<String> channel,
                 Optional<String> device) {
    }

    /** Every row of the four files. */
    record Raw(List<Customer> customers, List<Product> products, List<Line> lines, List<Event> events) {
        static Raw read(Path dir, ZoneId zone) throws IOException {
            List<Customer> customers = new ArrayList<>();
            for (String[] f : CsvRows.read(dir.resolve("raw_customers.csv"))) {
                customers.add(new Customer(f[0], LocalDate.parse(f[4]), f[5], opt(f[6]), f[7], opt(f[8])));
            }
            List<Product> products = new ArrayList<>();
            for (String[] f : CsvRows.read(dir.resolve("raw_products.csv"))) {
                products.add(new Product(f[0], f[1], f[3], f[4], new BigDecimal(f[5]), Integer.parseInt(f[7])));
            }
            List<Line> lines = new ArrayList<>();
            for (String[] f : CsvRows.read(dir.resolve("raw_orders.csv"))) {
                lines.add(new Line(f[0], opt(f[1]), LocalDate.parse(f[2]), f[3], Integer.parseInt(f[4]),
                        new BigDecimal(f[5]), f[7], opt(f[8]).map(Instant::parse), opt(f[9]), opt(f[10]), opt(f[11]),
                        opt(f[12]), opt(f[13]).map(LocalDate::parse), opt(f[14]).map(LocalDate::parse)));
            }
            List<Event> events = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader r = Files.newBufferedReader(dir.resolve("clickstream_events.jsonl"),
                    StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode n = json.readTree(line);
                    Instant t = Instant.parse(n.get("timestamp").asText());
                    events.add(new Event(n.get("event").asText(), n.get("user_id").asText(), t,
                            LocalDate.ofInstant(t, zone), text(n, "page"), text(n, "query"), text(n, "product_id"),
                            text(n, "channel"), text(n, "device")));
                }
            }
            return new Raw(List.copyOf(customers), List.copyOf(products), List.copyOf(lines), List.copyOf(events));
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    static Optional<String> opt(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
