package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.ml.RecommenderOptions.Method;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.testing.CsvRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recommender's behaviour on the shared ML data set (DuckDB): queries, fallbacks, errors, evaluation, file. */
class RecommenderTest {
    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    private static final Map<Method, Recommender> MODELS = new HashMap<>();

    static synchronized Recommender model(Method m) {
        return MODELS.computeIfAbsent(m, k -> Recommender.train(MlTestData.duckDb(), AS_OF,
                RecommenderOptions.defaults().withMethod(k)));
    }

    /** Each customer's products bought up to a day, from the order file. */
    static Map<String, Set<String>> histories(LocalDate asOf) throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        for (RecommenderDataTest.Line l : RecommenderDataTest.lines(MlTestData.dir(), asOf)) {
            if (l.customer() != null) {
                out.computeIfAbsent(l.customer(), k -> new HashSet<>()).add(l.product());
            }
        }
        return out;
    }

    /** The first n ids in id order. */
    static List<String> first(Set<String> ids, int n) {
        return new TreeSet<>(ids).stream().limit(n).toList();
    }

    @Test
    void theEvaluationRanksEveryMethodAndBothBaselinesOutOfTime() {
        Recommender auto = model(Method.AUTO);
        RecommenderEvaluation e = auto.evaluation().orElseThrow();
        System.err.println(e.report());
        assertEquals(AS_OF.minusDays(30), e.fitAsOf());
        assertEquals(List.of(Method.CO_OCCURRENCE, Method.ITEM_KNN, Method.ALS, Method.POPULARITY,
                Method.CATEGORY_POPULARITY), e.results().stream().map(RecommenderEvaluation.MethodResult::method).toList());
        for (RecommenderEvaluation.MethodResult r : e.results()) {
            for (double v : new double[] {r.hitRate(), r.ndcg(), r.map(), r.recall(), r.coverage()}) {
                assertTrue(v >= 0 && v <= 1, r.toString());
            }
            assertTrue(r.hitRate() > 0, r.toString());
            assertTrue(r.recall() <= r.hitRate() + 1e-12, "recall@10 ≤ HR@10: " + r);
        }
        RecommenderEvaluation.MethodResult best = e.results().stream()
                .max(Comparator.comparingDouble(RecommenderEvaluation.MethodResult::ndcg)).orElseThrow();
        assertEquals(best.method(), e.chosen());
        assertEquals(e.chosen(), auto.method());
        assertTrue(e.customers() > 50, e.report());
        assertTrue(e.report().contains("category-popularity"), e.report());
        assertTrue(e.toJson().contains("\"ndcg_at_10\""), e.toJson());
        assertEquals(AS_OF, auto.metadata().trainAsOf(), "refitted up to the as-of day");
    }

    @Test
    void popularityIsTheRecentWindowsMostOrderedProductsTheCustomerLacks() throws IOException {
        Recommender pop = model(Method.POPULARITY);
        Map<String, Set<String>> orders = new HashMap<>();
        for (RecommenderDataTest.Line l : RecommenderDataTest.lines(MlTestData.dir(), AS_OF)) {
            if (l.day().isAfter(AS_OF.minusDays(30))) {
                orders.computeIfAbsent(l.product(), k -> new HashSet<>()).add(l.order());
            }
        }
        Map<String, Set<String>> histories = histories(AS_OF);
        int checked = 0;
        for (String c : new TreeSet<>(histories.keySet())) {
            if (checked++ == 30) {
                break;
            }
            List<Recommendation> top = pop.forCustomer(c, 10);
            assertEquals(10, top.size());
            int previous = Integer.MAX_VALUE;
            for (Recommendation r : top) {
                assertFalse(histories.get(c).contains(r.productId()), c + " already bought " + r.productId());
                assertEquals(Recommendation.Source.POPULARITY, r.source());
                int n = orders.getOrDefault(r.productId(), Set.of()).size();
                assertEquals(n, r.score(), 0, r.productId());
                assertTrue(n <= previous);
                previous = n;
            }
            // nothing the customer lacks is more popular than the last one listed
            int last = previous;
            Set<String> listed = top.stream().map(Recommendation::productId).collect(Collectors.toSet());
            orders.forEach((p, o) -> assertTrue(listed.contains(p) || histories.get(c).contains(p)
                    || o.size() <= last, p + " with " + o.size() + " orders left out for " + c));
        }
    }

    @Test
    void everyMethodExcludesWhatTheCustomerBoughtAndNamesItsSource() throws IOException {
        Map<String, Set<String>> histories = histories(AS_OF);
        for (Method m : List.of(Method.CO_OCCURRENCE, Method.ITEM_KNN, Method.ALS, Method.CATEGORY_POPULARITY)) {
            Recommender recs = model(m);
            assertEquals(m, recs.method());
            int fromMethod = 0;
            for (String c : first(histories.keySet(), 100)) {
                List<Recommendation> top = recs.forCustomer(c, 20);
                assertEquals(20, top.size());
                assertEquals(20, top.stream().map(Recommendation::productId).distinct().count(), "distinct");
                for (Recommendation r : top) {
                    assertFalse(histories.get(c).contains(r.productId()), m + ": " + c + " bought " + r.productId());
                }
                fromMethod += (int) top.stream().filter(r -> r.source().name().equals(m.name())).count();
            }
            assertTrue(fromMethod > 0, m + " produced items of its own");
        }
    }

    @Test
    void coOccurrenceBacksOffToTheBaseRateOnOneProbabilityScale() throws IOException {
        Map<String, Set<String>> histories = histories(AS_OF);
        Map<String, Integer> holders = new HashMap<>();
        histories.values().forEach(h -> h.forEach(p -> holders.merge(p, 1, Integer::sum)));
        double customers = histories.size();
        Recommender recs = model(Method.CO_OCCURRENCE);
        int fromRate = 0;
        int fromPairs = 0;
        for (String c : first(histories.keySet(), 200)) {
            List<Recommendation> top = recs.forCustomer(c, 10);
            for (int r = 0; r < top.size(); r++) {
                Recommendation rec = top.get(r);
                double rate = holders.getOrDefault(rec.productId(), 0) / customers;
                if (rec.source() == Recommendation.Source.POPULARITY) {
                    assertEquals(rate, rec.score(), 1e-6, c + ": " + rec.productId() + " scored by its base rate");
                    fromRate++;
                } else {
                    assertEquals(Recommendation.Source.CO_OCCURRENCE, rec.source(), c + ": " + rec);
                    assertTrue(rec.score() >= rate - 1e-6, c + ": " + rec + " below its base rate " + rate);
                    fromPairs++;
                }
                if (r > 0) {
                    assertTrue(top.get(r - 1).score() >= rec.score(), c + ": rank " + r + " out of order");
                }
            }
        }
        assertTrue(fromRate > 0 && fromPairs > 0, fromRate + " base-rate items, " + fromPairs + " from pairs");
    }

    @Test
    void aNewCustomerGetsPopularityAndUnknownIdsAndBadKAreRefused() throws IOException {
        Recommender recs = model(Method.ITEM_KNN);
        Set<String> buyers = histories(AS_OF).keySet();
        String newcomer = CsvRows.read(MlTestData.dir().resolve("raw_customers.csv")).stream().map(f -> f[0])
                .filter(id -> !buyers.contains(id)).findFirst().orElseThrow();
        List<Recommendation> top = recs.forCustomer(newcomer, 5);
        assertEquals(5, top.size());
        assertTrue(top.stream().allMatch(r -> r.source() == Recommendation.Source.POPULARITY), top.toString());
        assertEquals(model(Method.POPULARITY).forCustomer(newcomer, 5), top);
        assertEquals(top, model(Method.CO_OCCURRENCE).forCustomer(newcomer, 5), "no base-rate ranking without history");

        BookstoreException unknown = assertThrows(BookstoreException.class, () -> recs.forCustomer("NOPE", 10));
        assertEquals("unknown customer 'NOPE': no such customer in the warehouse the recommender was "
                + "trained on (as of 2025-12-31)", unknown.getMessage());
        BookstoreException product = assertThrows(BookstoreException.class, () -> recs.alsoBought("NOPE", 10));
        assertTrue(product.getMessage().startsWith("unknown product 'NOPE': not in the catalogue"), product.getMessage());
        String someone = buyers.iterator().next();
        assertEquals("k must be in 1..1000, got 0",
                assertThrows(BookstoreException.class, () -> recs.forCustomer(someone, 0)).getMessage());
        assertEquals("k must be in 1..1000, got 1001",
                assertThrows(BookstoreException.class, () -> recs.alsoBought("x", 1001)).getMessage());
    }

    @Test
    void categoryLimitAndStockFilterHold() throws IOException {
        Recommender recs = model(Method.ALS);
        Map<String, String> category = new HashMap<>();
        Map<String, Integer> stock = new HashMap<>();
        for (String[] f : CsvRows.read(MlTestData.dir().resolve("raw_products.csv"))) {
            category.put(f[0], f[3].strip());
        }
        RecommenderData.Space space = recs.ranker().space;
        for (int i = 0; i < space.items(); i++) {
            stock.put(space.products()[i], space.inStock()[i] ? 1 : 0);
        }
        for (String c : first(histories(AS_OF).keySet(), 60)) {
            List<Recommendation> diverse = recs.forCustomer(c, RecommendationQuery.top(8).atMostPerCategory(1));
            Map<String, Long> perCategory = diverse.stream()
                    .collect(Collectors.groupingBy(r -> category.get(r.productId()), Collectors.counting()));
            assertTrue(perCategory.values().stream().allMatch(n -> n == 1), c + " " + perCategory);
            List<Recommendation> inStock = recs.forCustomer(c, RecommendationQuery.top(50).excludingOutOfStock());
            assertTrue(inStock.stream().allMatch(r -> stock.get(r.productId()) == 1), c + " " + inStock);
            List<Recommendation> two = recs.alsoBought(diverse.get(0).productId(),
                    RecommendationQuery.top(10).atMostPerCategory(2));
            two.stream().collect(Collectors.groupingBy(r -> category.get(r.productId()), Collectors.counting()))
                    .values().forEach(n -> assertTrue(n <= 2));
        }
    }

    @Test
    void aHistoryFetchedForADayRanksLikeTheModelsOwnOnThatDay() throws IOException {
        Recommender knn = model(Method.ITEM_KNN);
        Map<String, Set<String>> earlier = histories(LocalDate.of(2025, 9, 30));
        int compared = 0;
        for (String c : first(histories(AS_OF).keySet(), 80)) {
            RecommendationQuery q = RecommendationQuery.top(10);
            assertEquals(knn.forCustomer(c, q), knn.forCustomer(MlTestData.duckDb(), c, AS_OF, q), c);
            if (earlier.containsKey(c)) {
                for (Recommendation r : knn.forCustomer(MlTestData.duckDb(), c, LocalDate.of(2025, 9, 30), q)) {
                    assertFalse(earlier.get(c).contains(r.productId()));
                }
                compared++;
            }
        }
        assertTrue(compared > 5);
        // ALS folds a fetched history in: close to the trained factors' ranking
        Recommender als = model(Method.ALS);
        String c = new TreeSet<>(histories(AS_OF).keySet()).first();
        Set<String> trained = als.forCustomer(c, 10).stream().map(Recommendation::productId).collect(Collectors.toSet());
        List<Recommendation> folded = als.forCustomer(MlTestData.duckDb(), c, AS_OF, RecommendationQuery.top(10));
        long common = folded.stream().filter(r -> trained.contains(r.productId())).count();
        assertTrue(common >= 5, "fold-in shares " + common + " of 10 with the trained factors");
    }

    @Test
    void theModelFileRoundTripsAndATamperedFileIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        for (Method m : List.of(Method.ALS, Method.ITEM_KNN)) {
            Recommender recs = model(m);
            Path file = dir.resolve(m + ".bsr");
            recs.write(file);
            Recommender loaded = Recommender.read(file);
            assertEquals(m, loaded.method());
            assertEquals(recs.metadata(), loaded.metadata());
            assertTrue(loaded.evaluation().isEmpty());
            assertEquals(recs.customersWithHistory(), loaded.customersWithHistory());
            for (String c : recs.customersWithHistory().subList(0, 20)) {
                assertEquals(recs.forCustomer(c, 10), loaded.forCustomer(c, 10));
            }
            List<String> products = new ArrayList<>();
            recs.forCustomer(recs.customersWithHistory().get(0), 10).forEach(r -> products.add(r.productId()));
            for (String p : products) {
                assertEquals(recs.alsoBought(p, 10), loaded.alsoBought(p, 10));
            }
        }
        Path file = dir.resolve("ALS.bsr");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Path tampered = dir.resolve("tampered.bsr");
        Files.write(tampered, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Recommender.read(tampered));
        assertEquals("model file " + tampered + " is truncated or was modified (SHA-256 checksum mismatch)",
                e.getMessage());
        Path churn = dir.resolve("churn.bsm");
        Files.write(churn, "BSMODEL\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes());
        assertEquals("model file " + churn + " is a churn model, not a recommender model",
                assertThrows(ModelFileException.class, () -> Recommender.read(churn)).getMessage());
        Path missing = dir.resolve("none.bsr");
        assertEquals("model file " + missing + " does not exist",
                assertThrows(ModelFileException.class, () -> Recommender.read(missing)).getMessage());
    }
}
