package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The recommender's two weighting options: interactions with product views and add-to-carts weighted in (computed
 * in the database, against plain Java over the generated files on every database) and BM25-weighted item-kNN
 * neighbours (against a dense computation of the same formula on a small example).
 */
class RecommenderWeightingTest {
    private static final double VIEW = 0.25;
    private static final double CART = 0.5;

    @EachDatabase
    void eventWeightedStrengthsMatchPlainJavaOverTheFiles(Warehouse wh) throws IOException {
        MlTestData.load(wh, RecommenderDataTest.small());
        LocalDate asOf = RecommenderDataTest.AS_OF;
        RecommenderData.Space space = RecommenderData.space(wh);
        Map<String, Set<String>> orders = new HashMap<>();
        for (RecommenderDataTest.Line l : RecommenderDataTest.lines(RecommenderDataTest.small(), asOf)) {
            if (l.customer() != null) {
                orders.computeIfAbsent(l.customer() + "|" + l.product(), k -> new HashSet<>()).add(l.order());
            }
        }
        Map<String, Double> expected = new TreeMap<>();
        orders.forEach((cell, o) -> expected.merge(cell, (double) o.size(), Double::sum));
        ObjectMapper json = new ObjectMapper();
        int views = 0;
        int carts = 0;
        for (String line : Files.readAllLines(RecommenderDataTest.small().resolve("clickstream_events.jsonl"))) {
            JsonNode e = json.readTree(line);
            String type = e.path("event").asText();
            if (!(type.equals("product_view") || type.equals("add_to_cart")) || !e.hasNonNull("product_id")) {
                continue;
            }
            LocalDate day = Instant.parse(e.get("timestamp").asText()).atZone(wh.calendar().zone()).toLocalDate();
            if (day.isAfter(asOf)) {
                continue;
            }
            boolean view = type.equals("product_view");
            views += view ? 1 : 0;
            carts += view ? 0 : 1;
            expected.merge(e.get("user_id").asText() + "|" + e.get("product_id").asText(), view ? VIEW : CART,
                    Double::sum);
        }
        assertTrue(views > 100 && carts > 10, views + " views, " + carts + " carts");
        Map<String, Integer> expectedUnits = new TreeMap<>();
        expected.forEach((cell, s) -> {
            String[] k = cell.split("\\|");
            if (space.customerIndex().containsKey(k[0]) && space.productIndex().containsKey(k[1])) {
                expectedUnits.put(cell, (int) Math.round(s * RecommenderData.STRENGTH_SCALE));
            }
        });
        Sparse m = RecommenderData.withEvents(wh, space, RecommenderData.BEGINNING, asOf, VIEW, CART);
        Map<String, Integer> actual = new TreeMap<>();
        for (int u = 0; u < m.rows; u++) {
            for (int e = m.start[u]; e < m.start[u + 1]; e++) {
                actual.put(space.customers()[u] + "|" + space.products()[m.column[e]], m.value[e]);
            }
        }
        assertEquals(expectedUnits, actual);
        assertTrue(actual.size() > orders.size(), "viewed products that were not bought are interactions too");
    }

    /** (customer, item, orders) cells of the small example: 5 customers, 6 items. */
    private static final int[][] CELLS = {
        {0, 0, 2}, {0, 1, 1}, {0, 5, 1},
        {1, 0, 1}, {1, 2, 3}, {1, 3, 1},
        {2, 1, 1}, {2, 2, 1},
        {3, 0, 1}, {3, 1, 4}, {3, 2, 1}, {3, 4, 5},
        {4, 3, 2}, {4, 4, 1},
    };

    @Test
    void bm25NeighboursAgreeWithADenseComputation() {
        Sparse.Builder b = new Sparse.Builder(5, 6);
        for (int[] c : CELLS) {
            b.add(c[0], c[1], c[2]);
        }
        Sparse userItems = b.build();
        for (double[] kb : new double[][] {{Neighbours.BM25_K1, Neighbours.BM25_B}, {1.2, 0.75}}) {
            Map<Integer, Map<Integer, Double>> expected = dense(kb[0], kb[1]);
            Neighbours n = Neighbours.bm25(userItems, kb[0], kb[1], 10);
            for (int item = 0; item < 6; item++) {
                int i = item;
                Map<Integer, Double> got = new TreeMap<>();
                for (int e = n.start[i]; e < n.start[i + 1]; e++) {
                    got.put(n.item[e], (double) n.score[e]);
                    if (e > n.start[i]) {
                        assertTrue(n.score[e - 1] >= n.score[e], "best first");
                    }
                }
                Map<Integer, Double> want = expected.get(i);
                assertEquals(want.keySet(), got.keySet(), "neighbours of item " + i + " (k1 " + kb[0] + ")");
                want.forEach((j, s) -> assertEquals(s, got.get(j), 1e-5 * Math.abs(s), i + "→" + j));
            }
            Neighbours top1 = Neighbours.bm25(userItems, kb[0], kb[1], 1);
            for (int i = 0; i < 6; i++) {
                Map<Integer, Double> want = expected.get(i);
                double best = want.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                assertEquals(want.isEmpty() ? 0 : 1, top1.start[i + 1] - top1.start[i]);
                if (!want.isEmpty()) {
                    assertEquals(best, top1.score[top1.start[i]], 1e-5 * best, "the best neighbour is kept");
                }
            }
        }
    }

    /** The BM25 formula on dense arrays: weights W[item][customer], then every item pair's dot product. */
    private static Map<Integer, Map<Integer, Double>> dense(double k1, double b) {
        double[][] x = new double[6][5];
        for (int[] c : CELLS) {
            x[c[1]][c[0]] = c[2];
        }
        double n = 6;
        double[] rowSum = new double[6];
        for (int i = 0; i < 6; i++) {
            for (int u = 0; u < 5; u++) {
                rowSum[i] += x[i][u];
            }
        }
        double average = java.util.Arrays.stream(rowSum).average().orElseThrow();
        double[][] w = new double[6][5];
        for (int u = 0; u < 5; u++) {
            int itemsOfU = 0;
            for (int i = 0; i < 6; i++) {
                itemsOfU += x[i][u] > 0 ? 1 : 0;
            }
            double idf = Math.log(n) - Math.log(1 + itemsOfU);
            for (int i = 0; i < 6; i++) {
                double lengthNorm = (1 - b) + b * rowSum[i] / average;
                w[i][u] = x[i][u] == 0 ? 0 : x[i][u] * (k1 + 1) / (k1 * lengthNorm + x[i][u]) * idf;
            }
        }
        Map<Integer, Map<Integer, Double>> out = new TreeMap<>();
        for (int i = 0; i < 6; i++) {
            Map<Integer, Double> row = new TreeMap<>();
            for (int j = 0; j < 6; j++) {
                double s = 0;
                for (int u = 0; u < 5; u++) {
                    s += w[i][u] * w[j][u];
                }
                if (i != j && s > 0) {
                    row.put(j, s);
                }
            }
            out.put(i, row);
        }
        return out;
    }

    @Test
    void bothOptionsTrainEvaluateAndServe() {
        Warehouse wh = MlTestData.duckDb();
        LocalDate asOf = LocalDate.of(2025, 12, 31);
        Recommender bm25 = Recommender.train(wh, asOf, RecommenderOptions.defaults()
                .withMethod(RecommenderOptions.Method.ITEM_KNN)
                .withKnnWeighting(RecommenderOptions.KnnWeighting.BM25));
        Recommender cosine = Recommender.train(wh, asOf, RecommenderOptions.defaults()
                .withMethod(RecommenderOptions.Method.ITEM_KNN));
        RecommenderEvaluation e = bm25.evaluation().orElseThrow();
        System.out.println("BM25 item-kNN\n" + e.report() + "\ncosine item-kNN\n" + cosine.evaluation().orElseThrow()
                .report());
        String customer = "CUST_1";
        List<Recommendation> top = bm25.forCustomer(customer, 10);
        assertEquals(10, top.size());
        assertNotEquals(top, cosine.forCustomer(customer, 10), "BM25 neighbours rank otherwise than the cosine");

        Recommender plain = Recommender.train(wh, asOf, RecommenderOptions.defaults()
                .withMethod(RecommenderOptions.Method.ALS).withIterations(3));
        Recommender events = Recommender.train(wh, asOf, RecommenderOptions.defaults()
                .withMethod(RecommenderOptions.Method.ALS).withIterations(3).withEventWeights(VIEW, CART));
        System.out.println("ALS with events\n" + events.evaluation().orElseThrow().report());
        assertTrue(events.evaluation().orElseThrow().result(RecommenderOptions.Method.ALS).isPresent());
        assertNotEquals(plain.forCustomer(customer, 10), events.forCustomer(customer, 10),
                "views and carts change the factors");
        assertTrue(events.forCustomer(customer, 10).stream().allMatch(r -> r.source() == Recommendation.Source.ALS
                || r.source() == Recommendation.Source.CATEGORY_POPULARITY
                || r.source() == Recommendation.Source.POPULARITY));
    }

    @Test
    void weightsAboveAPurchaseAreRefused() {
        InvalidArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidArgumentException.class,
                () -> RecommenderOptions.defaults().withEventWeights(1.5, 0.5));
        assertEquals("recommender option viewWeight must be in 0..1 (an order weighs 1), got 1.5", e.getMessage());
    }
}
