package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import dev.bookstore.model.testing.CsvRows;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The recommender's SQL (co-occurrence and item counts, computed in the database) against plain Java over the
 * generated order file, and the planted co-purchase pairs recovered, on every database.
 */
class RecommenderDataTest {
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 20);
    private static Path small;
    private static Manifest manifest;

    /** 500 customers, 60 products, 6 months: small enough for every database, rich enough for the pairs. */
    static synchronized Path small() throws IOException {
        if (small == null) {
            Path d = Files.createTempDirectory("bookstore-recs-small");
            manifest = Generator.generate(GeneratorOptions.defaults().withCustomers(500).withProducts(60)
                    .withMonths(6).withEvents(5_000).withOrdersPerMonth(400).withSeed(21)
                    .withStart(LocalDate.of(2025, 1, 1)), d);
            try (var files = Files.list(d)) {
                files.forEach(f -> f.toFile().deleteOnExit());
            }
            d.toFile().deleteOnExit();
            small = d;
        }
        return small;
    }

    /** A valid sale line of the order file. */
    record Line(String order, String customer, LocalDate day, String product) {
    }

    static List<Line> lines(Path dir, LocalDate asOf) throws IOException {
        List<Line> out = new ArrayList<>();
        for (String[] f : CsvRows.read(dir.resolve("raw_orders.csv"))) {
            int qty = Integer.parseInt(f[4]);
            LocalDate day = LocalDate.parse(f[2]);
            if (qty > 0 && Double.parseDouble(f[5]) > 0 && !f[7].equals("cancelled") && !day.isAfter(asOf)) {
                out.add(new Line(f[0], f[1].isBlank() ? null : f[1], day, f[3]));
            }
        }
        return out;
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    private static Map<String, Integer> asMap(RecommenderData.Pairs p, RecommenderData.Space s) {
        Map<String, Integer> m = new TreeMap<>();
        for (int i = 0; i < p.size(); i++) {
            m.put(pair(s.products()[p.a()[i]], s.products()[p.b()[i]]), p.together()[i]);
        }
        return m;
    }

    @EachDatabase
    void coOccurrenceAndItemCountsMatchPlainJavaOverTheOrderFile(Warehouse wh) throws IOException {
        MlTestData.load(wh, small());
        List<Line> lines = lines(small(), AS_OF);
        RecommenderData.Space space = RecommenderData.space(wh);
        assertEquals(60, space.items());

        // same order: distinct orders holding both products
        Map<String, Set<String>> basket = new HashMap<>();
        for (Line l : lines) {
            basket.computeIfAbsent(l.order, k -> new HashSet<>()).add(l.product);
        }
        Map<String, Integer> sameOrder = new TreeMap<>();
        for (Set<String> b : basket.values()) {
            List<String> ps = new ArrayList<>(b);
            for (int i = 0; i < ps.size(); i++) {
                for (int j = i + 1; j < ps.size(); j++) {
                    sameOrder.merge(pair(ps.get(i), ps.get(j)), 1, Integer::sum);
                }
            }
        }
        assertEquals(sameOrder, asMap(RecommenderData.sameOrder(wh, space, AS_OF, 1), space));
        Map<String, Integer> supported = new TreeMap<>(sameOrder);
        supported.values().removeIf(n -> n < 3);
        assertEquals(supported, asMap(RecommenderData.sameOrder(wh, space, AS_OF, 3), space), "min support");

        // same customer within 14 days: distinct customers who bought both at most 14 days apart
        Map<String, List<Line>> byCustomer = new HashMap<>();
        for (Line l : lines) {
            if (l.customer != null) {
                byCustomer.computeIfAbsent(l.customer, k -> new ArrayList<>()).add(l);
            }
        }
        Map<String, Integer> sameCustomer = new TreeMap<>();
        for (List<Line> ls : byCustomer.values()) {
            Set<String> pairs = new HashSet<>();
            for (Line a : ls) {
                for (Line b : ls) {
                    if (!a.product.equals(b.product) && Math.abs(ChronoUnit.DAYS.between(a.day, b.day)) <= 14) {
                        pairs.add(pair(a.product, b.product));
                    }
                }
            }
            pairs.forEach(p -> sameCustomer.merge(p, 1, Integer::sum));
        }
        Map<String, Integer> sql = asMap(RecommenderData.sameCustomer(wh, space, AS_OF, 14, 1), space);
        assertEquals(sameCustomer, sql);
        assertTrue(sql.size() > sameOrder.size(), "a 14-day window pairs more than one order does");

        // item counts: orders, customers, recent orders (last 30 days); totals
        RecommenderData.Counts counts = RecommenderData.counts(wh, space, AS_OF, 30);
        for (int i = 0; i < space.items(); i++) {
            String p = space.products()[i];
            Set<String> orders = new HashSet<>();
            Set<String> customers = new HashSet<>();
            Set<String> recent = new HashSet<>();
            for (Line l : lines) {
                if (l.product.equals(p)) {
                    orders.add(l.order);
                    if (l.customer != null) {
                        customers.add(l.customer);
                    }
                    if (l.day.isAfter(AS_OF.minusDays(30))) {
                        recent.add(l.order);
                    }
                }
            }
            assertEquals(orders.size(), counts.orders()[i], p + " orders");
            assertEquals(customers.size(), counts.customers()[i], p + " customers");
            assertEquals(recent.size(), counts.recentOrders()[i], p + " recent orders");
        }
        assertEquals(basket.size(), counts.totalOrders());
        assertEquals(byCustomer.size(), counts.totalCustomers());

        // the history: (customer, product) → distinct orders, and one customer's history by its own query
        Sparse h = RecommenderData.interactions(wh, space, RecommenderData.BEGINNING, AS_OF);
        Map<String, Set<String>> cells = new TreeMap<>();
        for (Line l : lines) {
            if (l.customer != null) {
                cells.computeIfAbsent(l.customer + "|" + l.product, k -> new HashSet<>()).add(l.order);
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        cells.forEach((k, v) -> expected.put(k, v.size()));
        Map<String, Integer> actual = new TreeMap<>();
        for (int u = 0; u < h.rows; u++) {
            for (int e = h.start[u]; e < h.start[u + 1]; e++) {
                actual.put(space.customers()[u] + "|" + space.products()[h.column[e]], h.value[e]);
            }
        }
        assertEquals(expected, actual);
        String someone = byCustomer.keySet().stream().sorted().findFirst().orElseThrow();
        Sparse.Row row = RecommenderData.history(wh, space, someone, AS_OF);
        int u = space.customerIndex().get(someone);
        assertEquals(List.of(java.util.Arrays.stream(h.column, h.start[u], h.start[u + 1]).boxed().toArray()),
                List.of(java.util.Arrays.stream(row.items()).boxed().toArray()));
    }

    @EachDatabase
    void thePlantedCoPurchasePairsAreInEachOthersTopTenAlsoBought(Warehouse wh) throws IOException {
        MlTestData.load(wh, small());
        Recommender recs = Recommender.train(wh, LocalDate.of(2025, 6, 30),
                RecommenderOptions.defaults().withMethod(RecommenderOptions.Method.CO_OCCURRENCE));
        List<Manifest.CoPurchasePair> pairs = manifest.truth().coPurchasePairs();
        assertTrue(pairs.size() >= 20, pairs.size() + " planted pairs");
        List<String> missed = new ArrayList<>();
        for (Manifest.CoPurchasePair p : pairs) {
            List<String> ofA = recs.alsoBought(p.productA(), 10).stream().map(Recommendation::productId).toList();
            List<String> ofB = recs.alsoBought(p.productB(), 10).stream().map(Recommendation::productId).toList();
            if (!ofA.contains(p.productB()) || !ofB.contains(p.productA())) {
                missed.add(p.productA() + "-" + p.productB() + " (" + p.probability() + ")");
            }
        }
        assertEquals(List.of(), missed, "planted pairs not recovered");
        // the planted partner comes from the co-occurrence list, not from a popularity fill
        Manifest.CoPurchasePair first = pairs.get(0);
        Recommendation hit = recs.alsoBought(first.productA(), 10).stream()
                .filter(r -> r.productId().equals(first.productB())).findFirst().orElseThrow();
        assertEquals(Recommendation.Source.CO_OCCURRENCE, hit.source());
    }

    @Test
    void theLogLikelihoodRatioIsDunningsG2() {
        // 2×2 table [[1, 0], [0, 1]]: G² = 2 Σ k ln(k N / (row · column)) = 2 × 2 × ln 2
        assertEquals(4 * Math.log(2), Neighbours.logLikelihoodRatio(1, 0, 0, 1), 1e-12);
        // independent counts give 0
        assertEquals(0, Neighbours.logLikelihoodRatio(10, 10, 10, 10), 1e-12);
        // [[10, 20], [30, 940]] by the textbook formula
        long[][] k = {{10, 20}, {30, 940}};
        double n = 1000;
        double g2 = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double expectedCell = (k[r][0] + k[r][1]) * (k[0][c] + k[1][c]) / n;
                g2 += 2 * k[r][c] * Math.log(k[r][c] / expectedCell);
            }
        }
        assertEquals(g2, Neighbours.logLikelihoodRatio(10, 20, 30, 940), 1e-9);
    }
}
