package dev.bookstore.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model hot-reload (a new file is served, a bad one keeps the old model) and a warehouse that goes down. */
class ServiceLifecycleTest {
    private static JsonNode waitFor(String url, Predicate<JsonNode> until) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 100; i++) {
            last = Http.get(url, "/health").json();
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached in 10 s; last /health: " + last);
    }

    /** Replaces {@code file} atomically by a copy with one byte flipped (its checksum no longer matches). */
    private static void tamper(Path file) throws java.io.IOException {
        byte[] tampered = Files.readAllBytes(file);
        tampered[tampered.length / 2] ^= 0x55;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, tampered);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aNewModelFileIsServedAndABadOneKeepsTheOld(@TempDir Path models) throws Exception {
        ServedWarehouse s = ServedWarehouse.on(DatabaseKind.DUCKDB);
        try (BookstoreService service = BookstoreService.start(s.warehouse(), models,
                new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(50))) {
            Http.Answer none = Http.get(service.url(), "/predict/churn?customer_id=CUST_1");
            assertEquals(503, none.status(), none.body());
            assertEquals("churn", none.json().get("model").asText());
            assertTrue(none.json().get("train").asText().startsWith("bookstore train"), none.body());

            ChurnModel first = ModelFile.read(s.models().resolve(ModelShelf.CHURN_FILE));
            Path file = models.resolve(ModelShelf.CHURN_FILE);
            Files.copy(s.models().resolve(ModelShelf.CHURN_FILE), file);
            waitFor(service.url(), h -> h.get("models").size() == 1
                    && h.get("models").get(0).get("fingerprint").asText().equals(first.fingerprint()));
            assertEquals(200, Http.get(service.url(), "/predict/churn?customer_id=CUST_1").status());

            tamper(file);
            JsonNode kept = waitFor(service.url(), h -> h.has("model_problem"));
            assertEquals(first.fingerprint(), kept.get("models").get(0).get("fingerprint").asText(), kept.toString());
            assertTrue(kept.get("model_problem").asText().contains("churn.bsm"), kept.toString());
            assertEquals(200, Http.get(service.url(), "/predict/churn?customer_id=CUST_1").status());

            ChurnModel second = ServedWarehouse.train(s.warehouse(), 12);
            assertNotEquals(first.fingerprint(), second.fingerprint());
            ModelFile.write(second, file);
            JsonNode swapped = waitFor(service.url(), h -> h.get("models").get(0).get("fingerprint").asText()
                    .equals(second.fingerprint()));
            assertFalse(swapped.has("model_problem"), swapped.toString());
            JsonNode score = Http.get(service.url(), "/predict/churn?customer_id=CUST_1").json();
            assertEquals(second.fingerprint(), score.get("model").asText());
        }
    }

    @Test
    void aRecommenderFileIsServedWhenItAppearsAndABadOneKeepsTheOld(@TempDir Path models) throws Exception {
        ServedWarehouse s = ServedWarehouse.on(DatabaseKind.DUCKDB);
        try (BookstoreService service = BookstoreService.start(s.warehouse(), models,
                new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(50))) {
            for (String path : new String[] {"/recommend?customer_id=CUST_1&k=3", "/also-bought?product_id=BOOK_1"}) {
                Http.Answer none = Http.get(service.url(), path);
                assertEquals(503, none.status(), none.body());
                assertEquals("recommender", none.json().get("model").asText());
                assertTrue(none.json().get("train").asText().startsWith("bookstore train")
                        && none.json().get("train").asText().contains("--only recs"), none.body());
                assertTrue(none.json().get("message").asText().contains(ModelShelf.RECS_FILE), none.body());
            }
            Path file = models.resolve(ModelShelf.RECS_FILE);
            Files.copy(s.models().resolve(ModelShelf.RECS_FILE), file);
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
            waitFor(service.url(), h -> h.get("models").size() == 1
                    && h.get("models").get(0).get("kind").asText().equals("recommender")
                    && h.get("models").get(0).get("fingerprint").asText().equals(sha));
            Http.Answer served = Http.get(service.url(), "/recommend?customer_id=CUST_1&k=3");
            assertEquals(200, served.status(), served.body());
            assertEquals(sha, served.json().get("model").asText());

            tamper(file);
            JsonNode kept = waitFor(service.url(), h -> h.has("model_problem"));
            assertTrue(kept.get("model_problem").asText().contains(ModelShelf.RECS_FILE), kept.toString());
            assertEquals(sha, kept.get("models").get(0).get("fingerprint").asText());
            assertEquals(sha, Http.get(service.url(), "/recommend?customer_id=CUST_1&k=3").json().get("model")
                    .asText());
        }
    }

    @Test
    void withoutStoredValuesClvIs503SayingWhatToRun(@TempDir Path models) {
        try (Warehouse wh = Warehouse.connect("jdbc:duckdb:")) {
            wh.init();
            try (BookstoreService service = BookstoreService.start(wh, models,
                    new InetSocketAddress("127.0.0.1", 0))) {
                Http.Answer clv = Http.get(service.url(), "/clv?customer_id=CUST_1");
                assertEquals(503, clv.status(), clv.body());
                assertEquals("clv", clv.json().get("model").asText());
                assertTrue(clv.json().get("train").asText().contains("bookstore train")
                        && clv.json().get("train").asText().contains("--only clv"), clv.body());
                Http.Answer forecast = Http.get(service.url(), "/forecast?product_id=BOOK_1");
                assertEquals(503, forecast.status(), forecast.body());
                assertFalse(forecast.body().contains("\tat "), forecast.body());
            }
        }
    }

    @Test
    void aWarehouseThatIsDownIs503AndNeverA500() {
        Warehouse wh = Warehouse.connect("jdbc:duckdb:");
        wh.init();
        try (BookstoreService service = BookstoreService.start(wh, Path.of("no-such-models"),
                new InetSocketAddress("127.0.0.1", 0))) {
            assertEquals(200, Http.get(service.url(), "/health").status());
            wh.close();
            Http.Answer health = Http.get(service.url(), "/health");
            assertEquals(503, health.status(), health.body());
            assertFalse(health.json().get("warehouse").get("reachable").asBoolean());
            Http.Answer sales = Http.get(service.url(), "/metrics/sales?from=2025-10-01&to=2025-12-31");
            assertEquals(503, sales.status(), sales.body());
            assertEquals("warehouse_unavailable", sales.json().get("error").asText());
            assertFalse(sales.body().contains("\tat "), sales.body());
            Http.Answer quality = Http.get(service.url(), "/data-quality");
            assertEquals(503, quality.status(), quality.body());
        }
    }
}
