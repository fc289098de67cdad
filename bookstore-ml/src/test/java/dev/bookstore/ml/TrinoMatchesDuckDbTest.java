package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import dev.bookstore.model.testing.GeneratedData;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What bookstore-ml pushes down to the database gives on Trino what it gives on DuckDB, for one small data set loaded
 * into both by the real pipeline: the churn features (and so the churn model trained and scored on them), the
 * recommender's item space and co-occurrence counts, and the CLV summary. DuckDB's answers are themselves checked
 * against plain-Java oracles by {@link FeaturesTest}, {@link RecommenderDataTest} and {@link ClvSummaryTest}; one
 * shared load keeps Trino's per-statement cost (an Iceberg commit per write) to one ingest and one transform.
 */
@ExtendWith(Warehouses.class)
class TrinoMatchesDuckDbTest {
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 20);
    static final ChurnOptions CHURN = ChurnOptions.defaults().withSnapshots(1).withTrees(20).withMaxDepth(6)
            .withHorizonDays(60);
    /** The generator's files of the small data set (the shared fixture: generated once per JVM and options). */
    static Path data() {
        return GeneratedData.of(GeneratorOptions.defaults().withCustomers(400).withProducts(60).withMonths(6)
                .withEvents(4_000).withOrdersPerMonth(300).withSeed(7).withStart(LocalDate.of(2025, 1, 1))).dir();
    }

    static Warehouse warehouse(DatabaseKind kind) {
        return Warehouses.build(kind, "ml-trino-small", wh -> MlTestData.load(wh, data()));
    }

    @EachDatabase(DatabaseKind.TRINO)
    void featuresAndTheChurnModelTrainedAndScoredOnThemMatchDuckDb(DatabaseKind kind) {
        Warehouse duck = warehouse(DatabaseKind.DUCKDB);
        Warehouse trino = warehouse(kind);
        FeatureTable expected = Features.of(duck).asOf(AS_OF);
        FeatureTable actual = Features.of(trino).asOf(AS_OF);
        assertEquals(expected.customerIds(), actual.customerIds(), "population");
        assertEquals(expected.schema(), actual.schema());
        assertTrue(expected.size() > 100, expected.size() + " customers");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.row(i), actual.row(i), 1e-9, expected.customerIds().get(i));
        }
        String someone = expected.customerIds().get(expected.size() / 2);
        assertArrayEquals(expected.row(someone).orElseThrow(), Features.of(trino).customer(someone, AS_OF), 1e-9,
                "one customer's features selected on Trino");

        ChurnModel onDuck = ChurnModel.train(duck, AS_OF, CHURN);
        ChurnModel onTrino = ChurnModel.train(trino, AS_OF, CHURN);
        assertEquals(onDuck.metadata().trainRows(), onTrino.metadata().trainRows(), "training rows");
        assertEquals(onDuck.metadata().dataFingerprint(), onTrino.metadata().dataFingerprint(), "the same training table");
        assertArrayEquals(onDuck.probabilities(expected.matrix()), onTrino.probabilities(actual.matrix()), 1e-9,
                "the same model: the same probabilities for every customer");
    }

    @EachDatabase(DatabaseKind.TRINO)
    void recommenderCountsMatchDuckDb(DatabaseKind kind) {
        Warehouse duck = warehouse(DatabaseKind.DUCKDB);
        Warehouse trino = warehouse(kind);
        RecommenderData.Space s = RecommenderData.space(duck);
        RecommenderData.Space t = RecommenderData.space(trino);
        assertArrayEquals(s.products(), t.products());
        assertArrayEquals(s.customers(), t.customers());
        assertArrayEquals(s.category(), t.category());
        same(RecommenderData.sameOrder(duck, s, AS_OF, 1), RecommenderData.sameOrder(trino, t, AS_OF, 1), "same order");
        same(RecommenderData.sameCustomer(duck, s, AS_OF, 30, 1), RecommenderData.sameCustomer(trino, t, AS_OF, 30, 1),
                "same customer within 30 days");
        RecommenderData.Counts a = RecommenderData.counts(duck, s, AS_OF, 30);
        RecommenderData.Counts b = RecommenderData.counts(trino, t, AS_OF, 30);
        assertArrayEquals(a.orders(), b.orders());
        assertArrayEquals(a.customers(), b.customers());
        assertArrayEquals(a.recentOrders(), b.recentOrders());
        assertEquals(a.totalOrders(), b.totalOrders());
    }

    @EachDatabase(DatabaseKind.TRINO)
    void clvSummaryMatchesDuckDb(DatabaseKind kind) {
        LocalDate calibrationEnd = LocalDate.of(2025, 4, 30);
        RfmSummary expected = Clv.summary(warehouse(DatabaseKind.DUCKDB), calibrationEnd, AS_OF);
        RfmSummary actual = Clv.summary(warehouse(kind), calibrationEnd, AS_OF);
        assertEquals(expected.size(), actual.size());
        assertTrue(expected.size() > 100, expected.size() + " customers");
        for (int i = 0; i < expected.size(); i++) {
            RfmSummary.Customer e = expected.customers().get(i);
            RfmSummary.Customer a = actual.customers().get(i);
            assertEquals(e.customerId(), a.customerId());
            assertEquals(e.frequency(), a.frequency(), e.customerId());
            assertEquals(e.recency(), a.recency(), 1e-9, e.customerId());
            assertEquals(e.age(), a.age(), 1e-9, e.customerId());
            assertEquals(e.monetary(), a.monetary(), 1e-9, e.customerId());
            assertEquals(e.holdoutPurchases(), a.holdoutPurchases(), e.customerId() + " holdout purchases");
            assertEquals(e.holdoutSpend(), a.holdoutSpend(), 1e-9, e.customerId() + " holdout spend");
        }
    }

    /** The pairs as a map (a, b) → count: the databases return them in no particular order. */
    private static void same(RecommenderData.Pairs p, RecommenderData.Pairs q, String what) {
        assertTrue(p.size() > 0, what + ": some pairs");
        assertEquals(asMap(p), asMap(q), what);
    }

    private static java.util.Map<String, Integer> asMap(RecommenderData.Pairs p) {
        java.util.Map<String, Integer> m = new java.util.TreeMap<>();
        for (int i = 0; i < p.size(); i++) {
            assertEquals(null, m.put(p.a()[i] + "|" + p.b()[i], p.together()[i]), "pair listed twice");
        }
        return m;
    }
}
