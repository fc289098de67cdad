package dev.bookstore.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-made data set in the generator's file formats, written to a temporary directory so that the real
 * ingest reads it and the oracle can read it back.
 */
final class HandMade {
    private final List<String> customers = new ArrayList<>();
    private final List<String> products = new ArrayList<>();
    private final List<String> orders = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    /** A customer: id, registration day, city, state, channel. */
    HandMade customer(String id, String registered, String city, String state, String channel) {
        customers.add(id + "," + id.toLowerCase(java.util.Locale.ROOT) + "@example.com,First,Last," + registered + ","
                + city + "," + state + ",United Kingdom," + channel);
        return this;
    }

    /** A product: id, category, price, stock. */
    HandMade product(String id, String category, String price, int stock) {
        products.add(id + ",Title of " + id + ",Some Author," + category + ",Sub " + category + "," + price + ",4.0,"
                + stock);
        return this;
    }

    /** An order line: order, customer (empty for a guest), business day, product, quantity, price, status, instant. */
    HandMade order(String orderId, String customer, String day, String product, int quantity, String price,
                   String status, String orderedAt) {
        orders.add(orderId + "," + customer + "," + day + "," + product + "," + quantity + "," + price + ",paypal,"
                + status + "," + orderedAt + ",direct,London,Greater London,United Kingdom,,");
        return this;
    }

    /** An event: type, user, instant, product (or empty), channel, device. */
    HandMade event(String type, String user, String at, String product, String channel, String device) {
        StringBuilder e = new StringBuilder("{\"event\":\"" + type + "\",\"user_id\":\"" + user + "\",\"timestamp\":\""
                + at + "\"");
        switch (type) {
            case "page_view" -> e.append(",\"page\":\"/home\"");
            case "search" -> e.append(",\"query\":\"fantasy\"");
            default -> {
            }
        }
        if (!product.isEmpty()) {
            e.append(",\"product_id\":\"").append(product).append('"');
        }
        e.append(",\"channel\":\"").append(channel).append("\",\"device\":\"").append(device).append("\"}");
        events.add(e.toString());
        return this;
    }

    /** Writes the four files into a new temporary directory (deleted on exit). */
    Path write() {
        try {
            Path dir = Files.createTempDirectory("bookstore-metrics-handmade");
            write(dir.resolve("raw_customers.csv"), "customer_id,email,first_name,last_name,registration_date,city,"
                    + "state,country,acquisition_channel", customers);
            write(dir.resolve("raw_products.csv"), "product_id,title,author,category,subcategory,price,rating,stock",
                    products);
            write(dir.resolve("raw_orders.csv"), "order_id,customer_id,order_date,product_id,quantity,unit_price,"
                    + "payment_method,status,ordered_at,channel,shipping_city,shipping_state,shipping_country,"
                    + "shipped_date,delivered_date", orders);
            Files.write(dir.resolve("clickstream_events.jsonl"), events, StandardCharsets.UTF_8);
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().deleteOnExit());
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String header, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
