package dev.bookstore.etl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.model.ReportingCalendar;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.sql.BulkWriter;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.GeneratedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Raw rows for transform tests: a small generated data set (clean, problems off) read naively from the generator's
 * files, plus hand-made rows, loaded straight into the raw tables with the dialect's bulk writer (no ingest).
 * The same rows feed the independent Java computations the marts are compared with.
 */
record RawData(List<Customer> customers, List<Product> products, List<OrderLine> orders, List<Event> events) {

    record Customer(String id, String email, String firstName, String lastName, LocalDate registered, String city,
                    String state, String country, String channel) {
    }

    record Product(String id, String title, String author, String category, String subcategory, BigDecimal price,
                   BigDecimal rating, int stock) {
    }

    record OrderLine(String orderId, int lineNo, String customerId, LocalDate orderDate, String productId,
                     int quantity, BigDecimal unitPrice, String payment, String status, Instant orderedAt,
                     String channel, String shipCity, String shipState, String shipCountry, LocalDate shipped,
                     LocalDate delivered) {
        boolean validSale() {
            return quantity > 0 && unitPrice.signum() > 0 && !status.equals("cancelled");
        }

        BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    record Event(String type, String userId, String sessionId, Instant time, LocalDate date, String page,
                 String query, String productId, String channel, String device) {
    }

    /** 500 customers, 100 books, two months from 2025-01-01, 8,000 events, about 1,200 orders. */
    static GeneratorOptions small() {
        return GeneratorOptions.defaults().withCustomers(500).withProducts(100).withMonths(2).withEvents(8_000)
                .withOrdersPerMonth(600).withSeed(11);
    }

    private static final Map<GeneratorOptions, RawData> CACHE = new ConcurrentHashMap<>();

    /** The generated data set for {@code options} (generated once per JVM), plus the hand-made rows. */
    static RawData generated(GeneratorOptions options) {
        return CACHE.computeIfAbsent(options, RawData::generate);
    }

    private static RawData generate(GeneratorOptions options) {
        try {
            return read(GeneratedData.of(options).dir(), ReportingCalendar.DEFAULT).plus(handMade());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rows the generator does not make: a guest order, an Online Retail style cancellation invoice (negative
     * quantity), a cancelled order, a returned order and a zero-price line.
     */
    static RawData handMade() {
        Instant at = Instant.parse("2025-01-20T12:00:00Z");
        LocalDate day = LocalDate.of(2025, 1, 20);
        BigDecimal p = new BigDecimal("10.00");
        List<OrderLine> lines = List.of(
                new OrderLine("X_GUEST", 1, null, day, "BOOK_1", 2, p, "card", "delivered", at, "direct", "Leeds",
                        null, "United Kingdom", day, day.plusDays(2)),
                new OrderLine("X_MIXED", 1, "CUST_1", day, "BOOK_2", 1, new BigDecimal("7.50"), "card", "returned",
                        at, "email", "Leeds", null, "United Kingdom", day, day.plusDays(1)),
                new OrderLine("X_MIXED", 2, "CUST_1", day, "BOOK_3", 3, BigDecimal.ZERO.setScale(2), "card",
                        "returned", at, "email", "Leeds", null, "United Kingdom", day, day.plusDays(1)),
                new OrderLine("C_X_MIXED", 1, "CUST_1", day.plusDays(1), "BOOK_2", -1, new BigDecimal("7.50"),
                        "card", "delivered", at.plusSeconds(86_400), "email", null, null, null, null, null),
                new OrderLine("X_CANCELLED", 1, "CUST_2", day, "BOOK_1", 4, p, "card", "cancelled", at, "direct",
                        null, null, null, null, null));
        return new RawData(List.of(), List.of(), lines, List.of());
    }

    RawData plus(RawData more) {
        return new RawData(concat(customers, more.customers), concat(products, more.products),
                concat(orders, more.orders), concat(events, more.events));
    }

    RawData filter(Predicate<Customer> c, Predicate<OrderLine> o, Predicate<Event> e) {
        return new RawData(customers.stream().filter(c).toList(), products, orders.stream().filter(o).toList(),
                events.stream().filter(e).toList());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------ reading

    static RawData read(Path dir, ReportingCalendar calendar) throws IOException {
        List<Customer> customers = new ArrayList<>();
        for (String[] f : dev.bookstore.model.testing.CsvRows.read(dir.resolve(Generator.CUSTOMERS_FILE))) {
            customers.add(new Customer(f[0], f[1], f[2], f[3], LocalDate.parse(f[4]), f[5], blank(f[6]), f[7],
                    blank(f[8])));
        }
        List<Product> products = new ArrayList<>();
        for (String[] f : dev.bookstore.model.testing.CsvRows.read(dir.resolve(Generator.PRODUCTS_FILE))) {
            products.add(new Product(f[0], f[1], f[2], f[3], f[4], new BigDecimal(f[5]),
                    f[6].isEmpty() ? null : new BigDecimal(f[6]), Integer.parseInt(f[7])));
        }
        List<OrderLine> orders = new ArrayList<>();
        Map<String, Integer> lineNo = new HashMap<>();
        for (String[] f : dev.bookstore.model.testing.CsvRows.read(dir.resolve(Generator.ORDERS_FILE))) {
            int n = lineNo.merge(f[0], 1, Integer::sum);
            orders.add(new OrderLine(f[0], n, blank(f[1]), LocalDate.parse(f[2]), f[3], Integer.parseInt(f[4]),
                    new BigDecimal(f[5]), blank(f[6]), f[7], f[8].isEmpty() ? null : Instant.parse(f[8]), blank(f[9]),
                    blank(f[10]), blank(f[11]), blank(f[12]), date(f[13]), date(f[14])));
        }
        List<Event> events = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve(Generator.EVENTS_FILE), StandardCharsets.UTF_8)) {
            JsonNode n = json.readTree(line);
            Instant t = Instant.parse(n.get("timestamp").asText());
            events.add(new Event(n.get("event").asText(), n.get("user_id").asText(), text(n, "session_id"), t,
                    calendar.businessDay(t), text(n, "page"), text(n, "query"), text(n, "product_id"),
                    text(n, "channel"), text(n, "device")));
        }
        return new RawData(customers, products, orders, events);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    private static LocalDate date(String s) {
        return s.isEmpty() ? null : LocalDate.parse(s);
    }

    // ------------------------------------------------------------------------------------------ loading

    /** Appends these rows to the warehouse's raw tables (initialising it first), in one transaction. */
    void load(Warehouse wh) {
        wh.init();
        String loadId = "test-" + System.nanoTime();
        wh.inJdbcTransaction(c -> {
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, wh.table(Layer.RAW, "customers"), List.of("customer_id",
                    "email", "first_name", "last_name", "registration_date", "city", "state", "country",
                    "acquisition_channel", "source_name", "source_line", "load_id"))) {
                long line = 0;
                for (Customer r : customers) {
                    w.row(r.id(), r.email(), r.firstName(), r.lastName(), r.registered(), r.city(), r.state(),
                            r.country(), r.channel(), "customers.csv", ++line, loadId);
                }
                w.finish();
            }
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, wh.table(Layer.RAW, "products"), List.of("product_id",
                    "title", "author", "category", "subcategory", "price", "rating", "stock", "source_name",
                    "source_line", "load_id"))) {
                long line = 0;
                for (Product r : products) {
                    w.row(r.id(), r.title(), r.author(), r.category(), r.subcategory(), r.price(), r.rating(),
                            r.stock(), "products.csv", ++line, loadId);
                }
                w.finish();
            }
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, wh.table(Layer.RAW, "orders"), List.of("order_id",
                    "line_no", "customer_id", "order_date", "product_id", "quantity", "unit_price", "payment_method",
                    "status", "ordered_at", "channel", "shipping_city", "shipping_state", "shipping_country",
                    "shipped_date", "delivered_date", "source_name", "source_line", "load_id"))) {
                long line = 0;
                for (OrderLine r : orders) {
                    w.row(r.orderId(), r.lineNo(), r.customerId(), r.orderDate(), r.productId(), r.quantity(),
                            r.unitPrice(), r.payment(), r.status(), r.orderedAt(), r.channel(), r.shipCity(),
                            r.shipState(), r.shipCountry(), r.shipped(), r.delivered(), "orders.csv", ++line, loadId);
                }
                w.finish();
            }
            try (BulkWriter w = wh.dialect().runtime().bulkWriter(c, wh.table(Layer.RAW, "events"), List.of("event_type",
                    "user_id", "session_id", "event_time", "event_date", "page", "search_query", "product_id",
                    "channel", "device", "source_name", "source_line", "load_id"))) {
                long line = 0;
                for (Event r : events) {
                    w.row(r.type(), r.userId(), r.sessionId(), r.time(), r.date(), r.page(), r.query(), r.productId(),
                            r.channel(), r.device(), "events.jsonl", ++line, loadId);
                }
                w.finish();
            }
            return null;
        });
    }
}
