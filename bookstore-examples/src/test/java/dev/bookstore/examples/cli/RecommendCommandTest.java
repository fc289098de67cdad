package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.ml.Recommender;
import dev.bookstore.ml.RecommenderOptions;
import dev.bookstore.model.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --only recs} and {@code recommend} on generated data and on Online Retail files. */
class RecommendCommandTest {

    @Test
    void trainOnlyRecsThenRecommendForACustomerAProductAndEveryone(@TempDir Path dir) throws IOException {
        String db = generated(dir, "800", "120", "5000");
        Path models = dir.resolve("models");
        BookstoreCliTest.Run train = BookstoreCliTest.run("train", "--db", db, "--as-of", "2025-04-30", "--models",
                models.toString(), "--only", "recs");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("HR@10"), train.out());
        assertTrue(train.out().contains("category-popularity"), train.out());
        assertFalse(train.out().contains("AUC"), "churn not trained: " + train.out());
        assertTrue(Files.isRegularFile(models.resolve(TrainCommand.RECS_FILE)));
        assertFalse(Files.exists(models.resolve(TrainCommand.CHURN_FILE)));

        BookstoreCliTest.Run one = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                "--customer", "CUST_1", "--k", "5");
        assertEquals(0, one.exit(), one.err());
        List<String> lines = one.out().lines().toList();
        assertTrue(lines.get(0).matches("5 products for CUST_1 \\(history up to 2025-04-30\\), method [a-z-]+:"),
                one.out());
        assertTrue(lines.get(1).matches(" *rank +product +score +source"), one.out());
        assertEquals(7, lines.size(), one.out());
        for (String l : lines.subList(2, 7)) {
            assertTrue(l.matches(" *\\d +BOOK_\\d+ +\\d+\\.\\d{4} +(co-occurrence|item-knn|als|category-popularity"
                    + "|popularity)"), l);
        }

        BookstoreCliTest.Run json = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                "--product", "BOOK_1", "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode rows = JsonConvention.check(json.out());
        assertEquals(10, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, rows.get(i).get("rank").asInt());
            assertFalse(rows.get(i).get("product_id").asText().equals("BOOK_1"));
            assertTrue(rows.get(i).get("source").asText().matches("co_occurrence|item_knn|als|category_popularity"
                    + "|popularity"), rows.get(i).toString());
        }

        BookstoreCliTest.Run asOf = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                "--customer", "CUST_1", "--as-of", "2025-02-28", "--json");
        assertEquals(0, asOf.exit(), asOf.err());
        assertEquals(10, new ObjectMapper().readTree(asOf.out()).size());

        Path csv = dir.resolve("out").resolve("recs.csv");
        BookstoreCliTest.Run all = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                "--all", "--out", csv.toString(), "--k", "3");
        assertEquals(0, all.exit(), all.err());
        List<String> rowsCsv = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("customer_id,rank,product_id,score,source", rowsCsv.get(0));
        Map<String, List<Integer>> ranks = new HashMap<>();
        for (String r : rowsCsv.subList(1, rowsCsv.size())) {
            String[] f = r.split(",");
            assertEquals(5, f.length, r);
            ranks.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Integer.parseInt(f[1]));
        }
        assertTrue(ranks.size() > 100, ranks.size() + " customers");
        ranks.values().forEach(r -> assertEquals(List.of(1, 2, 3), r));
        assertTrue(all.out().startsWith(String.format(Locale.ROOT, "%,d customers", ranks.size())), all.out());

        BookstoreCliTest.Run unknown = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                "--customer", "NO_SUCH_CUSTOMER");
        assertEquals(1, unknown.exit());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("error: unknown customer 'NO_SUCH_CUSTOMER'"), unknown.err());
        BookstoreCliTest.Run product = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                "--product", "NO_SUCH_BOOK");
        assertEquals(1, product.exit());
        assertEquals(1, product.err().strip().lines().count(), product.err());
        for (String k : List.of("0", "1001")) {
            BookstoreCliTest.Run bad = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                    "--customer", "CUST_1", "--k", k);
            assertEquals(2, bad.exit(), bad.err());
            assertTrue(bad.err().contains("Invalid value for option '--k': " + k + " (valid: 1..1000)"), bad.err());
        }
    }

    @Test
    void trainPassesTheRecommenderOptionsThrough(@TempDir Path dir) {
        String db = generated(dir, "600", "80", "20000");
        Path models = dir.resolve("models");
        BookstoreCliTest.Run train = BookstoreCliTest.run("train", "--db", db, "--as-of", "2025-04-30", "--models",
                models.toString(), "--only", "recs", "--recs-method", "als", "--recs-knn", "bm25",
                "--recs-view-weight", "0.25", "--recs-cart-weight", "0.5");
        assertEquals(0, train.exit(), train.err());
        RecommenderOptions asked = RecommenderOptions.defaults().withMethod(RecommenderOptions.Method.ALS)
                .withKnnWeighting(RecommenderOptions.KnnWeighting.BM25).withEventWeights(0.25, 0.5);
        String expected;
        String plain;
        try (Warehouse wh = Warehouse.connect(db)) {
            LocalDate asOf = LocalDate.parse("2025-04-30");
            expected = Recommender.train(wh, asOf, asked).evaluation().orElseThrow().report();
            plain = Recommender.train(wh, asOf, RecommenderOptions.defaults()
                    .withMethod(RecommenderOptions.Method.ALS)).evaluation().orElseThrow().report();
        }
        assertFalse(expected.equals(plain), "the options change the evaluation: " + expected);
        expected.lines().forEach(l -> assertTrue(train.out().contains(l), "missing '" + l + "' in " + train.out()));
        assertTrue(train.out().contains("recommender (als) written to"), train.out());

        BookstoreCliTest.Run bad = BookstoreCliTest.run("train", "--db", db, "--models", models.toString(),
                "--only", "recs", "--recs-view-weight", "1.5");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--recs-view-weight must be in 0..1 (an order weighs 1), got 1.5"), bad.err());
    }

    @Test
    void aWarehouseLoadedFromAnOnlineRetailFileTrainsAndRecommends(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("online-retail.csv");
        List<String> customers = writeOnlineRetail(file);
        trainAndRecommend(dir, file, customers.get(0), "2011-03-31", "14");
    }

    @Test
    void theSharedOnlineRetailSampleTrainsAndRecommends(@TempDir Path dir) throws IOException {
        Path file = null;
        for (String root : List.of(System.getProperty("bookstore.shared", "../shared"), "../../shared")) {
            Path f = Path.of(root, "data", "online-retail-sample.csv");
            if (Files.isRegularFile(f)) {
                file = f;
                break;
            }
        }
        Assumptions.assumeTrue(file != null, "no shared Online Retail sample at ../shared/data");
        trainAndRecommend(dir, file, "17850", "2010-12-05", "2");
    }

    /** A quickstart warehouse of four months with these sizes in {@code dir}; returns its JDBC URL. */
    private static String generated(Path dir, String customers, String products, String events) {
        BookstoreCliTest.Run qs = BookstoreCliTest.run("quickstart", "--work", dir.toString(), "--customers",
                customers, "--products", products, "--months", "4", "--events", events);
        assertEquals(0, qs.exit(), qs.err());
        return "jdbc:duckdb:" + dir.resolve("bookstore.duckdb");
    }

    private static void trainAndRecommend(Path dir, Path file, String customer, String asOf, String horizon) {
        String db = "jdbc:duckdb:" + dir.resolve("retail.duckdb");
        Path models = dir.resolve("models");
        BookstoreCliTest.Run ingest = BookstoreCliTest.run("ingest", "--db", db, "--orders", file.toString(),
                "--format", "online-retail");
        assertEquals(0, ingest.exit(), ingest.err());
        BookstoreCliTest.Run transform = BookstoreCliTest.run("transform", "--db", db);
        assertEquals(0, transform.exit(), transform.err());
        BookstoreCliTest.Run train = BookstoreCliTest.run("train", "--db", db, "--as-of", asOf, "--models",
                models.toString(), "--only", "recs", "--recs-horizon", horizon);
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("NDCG@10"), train.out());
        BookstoreCliTest.Run one = BookstoreCliTest.run("recommend", "--db", db, "--models", models.toString(),
                "--customer", customer, "--json");
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().contains("\"product_id\""), one.out());
    }

    /** A small Online Retail file: 120 customers, 40 stock codes, 3 months; returns the customer ids. */
    static List<String> writeOnlineRetail(Path file) throws IOException {
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        lines.add("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < 120; c++) {
            customers.add(String.valueOf(12000 + c));
        }
        LocalDateTime start = LocalDateTime.of(2011, 1, 3, 9, 0);
        for (int invoice = 0; invoice < 900; invoice++) {
            String customer = customers.get(random.nextInt(customers.size()));
            LocalDateTime at = start.plusMinutes(invoice * 140L);
            int items = 1 + random.nextInt(4);
            for (int i = 0; i < items; i++) {
                int code = random.nextInt(40);
                lines.add(String.format(Locale.ROOT, "%d,%d,ITEM %d,%d,%s,%.2f,%s.0,United Kingdom", 540000 + invoice,
                        85000 + code, code, 1 + random.nextInt(6), at.toString().replace('T', ' ') + ":00",
                        1.25 + code * 0.1, customer));
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return customers.stream().map(c -> c).toList();
    }
}
