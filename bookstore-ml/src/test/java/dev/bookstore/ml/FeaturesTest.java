package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.NotFoundException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 30);
    private static Path small;

    /** 400 customers over 6 months: small enough to load into every database. */
    private static synchronized Path small() throws IOException {
        if (small == null) {
            Path d = Files.createTempDirectory("bookstore-ml-small");
            Generator.generate(GeneratorOptions.defaults().withCustomers(400).withProducts(60).withMonths(6)
                    .withEvents(8_000).withOrdersPerMonth(250).withSeed(5).withStart(LocalDate.of(2025, 1, 1)), d);
            try (var files = Files.list(d)) {
                files.forEach(f -> f.toFile().deleteOnExit());
            }
            d.toFile().deleteOnExit();
            small = d;
        }
        return small;
    }

    @EachDatabase
    void featuresMatchAPlainJavaComputationFromTheFiles(Warehouse wh) throws IOException {
        MlTestData.load(wh, small());
        FeatureTable table = Features.of(wh).asOf(AS_OF);
        Map<String, Oracle> oracle = oracle(small(), AS_OF);

        assertEquals(oracle.keySet().stream().toList(), table.customerIds(), "population: customers with an order");
        FeatureSchema s = table.schema();
        int checked = 0;
        int trends = 0;
        int mixed = 0;
        for (var e : oracle.entrySet()) {
            double[] x = table.row(e.getKey()).orElseThrow();
            Oracle o = e.getValue();
            String who = e.getKey();
            assertEquals(o.recency, x[s.indexOf("recency_days")], 0, who + " recency");
            assertEquals(o.frequency, x[s.indexOf("frequency")], 0, who + " frequency");
            assertEquals(o.monetary.doubleValue(), x[s.indexOf("monetary")], 1e-6, who + " monetary");
            assertEquals(o.monetary.doubleValue() / o.frequency, x[s.indexOf("avg_order_value")], 1e-6, who + " aov");
            assertEquals(o.tenure, x[s.indexOf("tenure_days")], 0, who + " tenure");
            assertEquals(o.orders90, x[s.indexOf("orders_90d")], 0, who + " orders_90d");
            assertEquals(o.meanGap(), x[s.indexOf("mean_days_between_orders")], 1e-6, who + " mean gap");
            assertEquals(o.gapTrend(), x[s.indexOf("gap_trend_days")], 1e-6, who + " gap trend");
            assertEquals(o.categorySpend.size(), x[s.indexOf("distinct_categories")], 0, who + " categories");
            assertEquals(o.topCategoryShare(), x[s.indexOf("top_category_share")], 1e-9, who + " top category share");
            trends += o.gapTrend() != 0 ? 1 : 0;
            mixed += o.categorySpend.size() > 1 ? 1 : 0;
            double channels = 0;
            for (String c : FeatureSchema.CHANNELS) {
                channels += x[s.indexOf("channel_" + c)];
            }
            assertEquals(1.0, channels, 0, who + " one-hot channel");
            assertEquals(1.0, x[s.indexOf("channel_" + o.channel)], 0, who + " channel");
            checked++;
        }
        assertTrue(checked > 100, "checked " + checked + " customers");
        assertTrue(trends > 10, trends + " customers with a gap trend");
        assertTrue(mixed > 10, mixed + " customers buying in several categories");
        double sessions = 0;
        for (int i = 0; i < table.size(); i++) {
            sessions += table.row(i)[s.indexOf("sessions_90d")];
        }
        assertTrue(sessions > 0, "some sessions in the last 90 days");
        // one customer's features (its rows only, selected in SQL) equal its row of the whole table
        Features features = Features.of(wh);
        for (int i = 0; i < table.size(); i += Math.max(1, table.size() / 25)) {
            String id = table.customerIds().get(i);
            assertArrayEquals(table.row(i), features.customer(id, AS_OF), id);
        }
        assertThrows(NotFoundException.class, () -> features.customer("x' OR '1' = '1", AS_OF));
    }

    @Test
    void appendingFutureDataLeavesFeaturesUnchanged(@TempDir Path tmp) throws IOException {
        Path past = tmp.resolve("past");
        Path all = tmp.resolve("past-and-future");
        Instant pastEnd = AS_OF.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).minusSeconds(7_200);
        Instant futureStart = AS_OF.plusDays(2).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        copy(small(), past, d -> !d.isAfter(AS_OF), t -> t.isBefore(pastEnd));
        copy(small(), all, d -> !d.isAfter(AS_OF) || d.isAfter(AS_OF.plusDays(1)),
                t -> t.isBefore(pastEnd) || !t.isBefore(futureStart));
        try (Warehouse a = Warehouse.connect("jdbc:duckdb:"); Warehouse b = Warehouse.connect("jdbc:duckdb:")) {
            MlTestData.load(a, past);
            MlTestData.load(b, all);
            FeatureTable before = Features.of(a).asOf(AS_OF);
            FeatureTable after = Features.of(b).asOf(AS_OF);
            assertTrue(before.size() > 100);
            assertEquals(before, after, "features as of " + AS_OF + " must not see later data");
            // the comparison covers the v2 features with real values, not just zeros
            FeatureSchema s = before.schema();
            long trends = java.util.stream.IntStream.range(0, before.size())
                    .filter(i -> before.row(i)[s.indexOf("gap_trend_days")] != 0).count();
            long mixes = java.util.stream.IntStream.range(0, before.size())
                    .filter(i -> before.row(i)[s.indexOf("distinct_categories")] > 1).count();
            assertTrue(trends > 10 && mixes > 10, trends + " gap trends, " + mixes + " category mixes");
            assertTrue(Features.of(b).asOf(AS_OF.plusDays(60)).size() >= before.size());
        }
    }

    @Test
    void anUnknownCustomerIsAClearError() {
        Warehouse wh = MlTestData.duckDb();
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> Features.of(wh).customer("CUST_NOPE", LocalDate.of(2025, 9, 30)));
        assertTrue(e.getMessage().contains("CUST_NOPE"), e.getMessage());
        assertEquals("unknown customer 'CUST_NOPE': no registered customer with that id has an order on or before "
                + "2025-09-30", e.getMessage());
        assertEquals("customer", e.entity());
        assertEquals("CUST_NOPE", e.id());
    }

    /** Copies the generated files keeping order lines whose day and events whose instant pass the filters. */
    private static void copy(Path from, Path to, Predicate<LocalDate> orderDay, Predicate<Instant> eventTime)
            throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("raw_customers.csv"), to.resolve("raw_customers.csv"));
        Files.copy(from.resolve("raw_products.csv"), to.resolve("raw_products.csv"));
        List<String> orders = Files.readAllLines(from.resolve("raw_orders.csv"), StandardCharsets.UTF_8);
        List<String> keptOrders = new ArrayList<>(List.of(orders.get(0)));
        for (String line : orders.subList(1, orders.size())) {
            if (!line.isEmpty() && orderDay.test(LocalDate.parse(dev.bookstore.model.testing.CsvRows.split(line)[2]))) {
                keptOrders.add(line);
            }
        }
        Files.write(to.resolve("raw_orders.csv"), keptOrders, StandardCharsets.UTF_8);
        List<String> keptEvents = new ArrayList<>();
        for (String line : Files.readAllLines(from.resolve("clickstream_events.jsonl"), StandardCharsets.UTF_8)) {
            int i = line.indexOf("\"timestamp\":\"");
            Instant t = Instant.parse(line.substring(i + 13, line.indexOf('"', i + 13)));
            if (eventTime.test(t)) {
                keptEvents.add(line);
            }
        }
        Files.write(to.resolve("clickstream_events.jsonl"), keptEvents, StandardCharsets.UTF_8);
    }

    /** Per customer, what the features must be, from the raw files with plain Java. */
    private static final class Oracle {
        long recency;
        int frequency;
        BigDecimal monetary = BigDecimal.ZERO;
        long tenure;
        int orders90;
        LocalDate first;
        LocalDate last;
        String channel;
        final List<LocalDate> days = new ArrayList<>();
        final Map<String, BigDecimal> categorySpend = new HashMap<>();

        double meanGap() {
            return frequency < 2 ? Features.NO_GAP : (double) ChronoUnit.DAYS.between(first, last) / (frequency - 1);
        }

        /** Latest gap minus the mean of the earlier gaps (order days sorted), 0 with fewer than three orders. */
        double gapTrend() {
            if (days.size() < 3) {
                return 0;
            }
            List<LocalDate> d = days.stream().sorted().toList();
            int n = d.size();
            double lastGap = ChronoUnit.DAYS.between(d.get(n - 2), d.get(n - 1));
            double earlierMean = (double) ChronoUnit.DAYS.between(d.get(0), d.get(n - 2)) / (n - 2);
            return lastGap - earlierMean;
        }

        double topCategoryShare() {
            BigDecimal total = categorySpend.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            return total.signum() == 0 ? 0 : categorySpend.values().stream().max(BigDecimal::compareTo).orElseThrow()
                    .doubleValue() / total.doubleValue();
        }
    }

    private static Map<String, Oracle> oracle(Path dir, LocalDate asOf) throws IOException {
        Map<String, String[]> customers = new HashMap<>();
        for (String[] f : dev.bookstore.model.testing.CsvRows.read(dir.resolve("raw_customers.csv"))) {
            customers.put(f[0], f);
        }
        Map<String, String> category = new HashMap<>();
        for (String[] f : dev.bookstore.model.testing.CsvRows.read(dir.resolve("raw_products.csv"))) {
            category.put(f[0], f[3].strip());
        }
        record Order(String customer, LocalDate day, BigDecimal gross, Map<String, BigDecimal> byCategory) {
        }
        Map<String, Order> orders = new HashMap<>();
        for (String[] f : dev.bookstore.model.testing.CsvRows.read(dir.resolve("raw_orders.csv"))) {
            if (f[1].isBlank()) {
                continue;
            }
            int qty = Integer.parseInt(f[4]);
            BigDecimal price = new BigDecimal(f[5]);
            if (qty <= 0 || price.signum() <= 0 || f[7].equals("cancelled")) {
                continue;
            }
            BigDecimal amount = price.multiply(BigDecimal.valueOf(qty));
            Map<String, BigDecimal> byCategory = new HashMap<>();
            if (category.containsKey(f[3])) {
                byCategory.put(category.get(f[3]), amount);
            }
            orders.merge(f[0], new Order(f[1], LocalDate.parse(f[2]), amount, byCategory), (a, b) -> {
                b.byCategory.forEach((k, v) -> a.byCategory.merge(k, v, BigDecimal::add));
                return new Order(a.customer, a.day, a.gross.add(b.gross), a.byCategory);
            });
        }
        Map<String, Oracle> out = new TreeMap<>();
        for (Order o : orders.values()) {
            String[] c = customers.get(o.customer);
            if (o.day.isAfter(asOf) || c == null || LocalDate.parse(c[4]).isAfter(asOf)) {
                continue;
            }
            Oracle x = out.computeIfAbsent(o.customer, k -> new Oracle());
            x.frequency++;
            x.monetary = x.monetary.add(o.gross);
            x.first = x.first == null || o.day.isBefore(x.first) ? o.day : x.first;
            x.last = x.last == null || o.day.isAfter(x.last) ? o.day : x.last;
            x.days.add(o.day);
            o.byCategory.forEach((k, v) -> x.categorySpend.merge(k, v, BigDecimal::add));
            if (o.day.isAfter(asOf.minusDays(90))) {
                x.orders90++;
            }
            x.tenure = ChronoUnit.DAYS.between(LocalDate.parse(c[4]), asOf);
            x.channel = c[8];
        }
        out.values().forEach(x -> x.recency = ChronoUnit.DAYS.between(x.last, asOf));
        return out;
    }
}
