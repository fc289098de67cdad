package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChurnModelTest {
    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    static final ChurnOptions OPTIONS = ChurnOptions.defaults().withTrees(60).withMaxDepth(10);
    private static ChurnModel model;

    static synchronized ChurnModel model() {
        if (model == null) {
            model = ChurnModel.train(MlTestData.duckDb(), AS_OF, OPTIONS);
        }
        return model;
    }

    @Test
    void theForestBeatsBothBaselinesOutOfTime() {
        ChurnEvaluation e = model().evaluation().orElseThrow();
        String report = e.report();
        System.err.println(report);
        assertEquals(LocalDate.of(2025, 10, 2), e.evaluationAsOf());
        assertEquals(LocalDate.of(2025, 7, 4), e.trainAsOf());
        assertTrue(e.forest().auc() > e.logistic().auc(), report);
        assertTrue(e.forest().auc() > e.recency().auc(), report);
        assertTrue(e.forest().auc() > 0.7, report);
        assertTrue(e.forest().topDecileLift() > 1.0, report);
        assertEquals(e.evaluationRows(), e.reliability().stream().mapToInt(ChurnEvaluation.ReliabilityBin::count).sum());
        assertEquals(FeatureSchema.CUSTOMER_V1.size(), e.importance().size());
    }

    @Test
    void theCompiledScorerEqualsSmileOnTheHoldout() {
        ChurnModel m = model();
        double[][] holdout = Features.of(MlTestData.duckDb()).asOf(m.metadata().evaluationAsOf()).matrix();
        double[] smile = m.smileProbabilities(holdout);
        double[] batch = new double[holdout.length];
        m.scorer().score(holdout, batch);
        for (int i = 0; i < holdout.length; i++) {
            assertEquals(smile[i], m.scorer().score(holdout[i]), 1e-12, "row " + i);
            assertEquals(smile[i], batch[i], 1e-12, "batch row " + i);
            assertEquals(m.scorer().score(holdout[i]), batch[i], 0.0, "batch equals single, row " + i);
        }
    }

    @Test
    void theScorerIsThreadSafe() throws Exception {
        ChurnModel m = model();
        double[][] rows = Features.of(MlTestData.duckDb()).asOf(m.metadata().evaluationAsOf()).matrix();
        double[] expected = new double[rows.length];
        m.scorer().score(rows, expected);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<double[]>>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    double[] out = new double[rows.length];
                    m.scorer().score(rows, out);
                    return out;
                }));
            }
            for (var f : futures) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aVectorOfTheWrongLengthIsRejected() {
        BookstoreException e = assertThrows(BookstoreException.class, () -> model().scorer().score(new double[3]));
        assertTrue(e.getMessage().contains("needs " + FeatureSchema.CUSTOMER_V1.size()), e.getMessage());
    }

    @Test
    void optionsNameTheBadValue() {
        BookstoreException e = assertThrows(BookstoreException.class, () -> ChurnOptions.defaults().withTrees(0));
        assertEquals("churn option trees was 0; valid: 1..5000", e.getMessage());
    }
}
