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
    /** Version 0.1's procedure: one training snapshot, an earlier calibration snapshot, no refit. */
    static final ChurnOptions SINGLE = ChurnOptions.singleSnapshot().withTrees(60).withMaxDepth(10);
    private static ChurnModel model;
    private static ChurnModel single;

    /** The model trained with the default options (stacked snapshots, refit); shared by the test classes. */
    static synchronized ChurnModel model() {
        if (model == null) {
            model = ChurnModel.train(MlTestData.duckDb(), AS_OF, OPTIONS);
        }
        return model;
    }

    /** The model trained by the single-snapshot procedure. */
    static synchronized ChurnModel single() {
        if (single == null) {
            single = ChurnModel.train(MlTestData.duckDb(), AS_OF, SINGLE);
        }
        return single;
    }

    @Test
    void theForestBeatsBothBaselinesOutOfTime() {
        ChurnEvaluation e = single().evaluation().orElseThrow();
        String report = e.report();
        System.err.println(report);
        assertEquals(LocalDate.of(2025, 10, 2), e.evaluationAsOf());
        assertEquals(LocalDate.of(2025, 7, 4), e.trainAsOf());
        assertEquals(LocalDate.of(2025, 4, 5), e.calibrationAsOf(), "one horizon before the training snapshot");
        assertTrue(e.forest().auc() > e.logistic().auc(), report);
        assertTrue(e.forest().auc() > e.recency().auc(), report);
        assertTrue(e.forest().auc() > 0.7, report);
        assertTrue(e.forest().topDecileLift() > 1.0, report);
        assertEquals(e.evaluationRows(), e.reliability().stream().mapToInt(ChurnEvaluation.ReliabilityBin::count).sum());
        assertEquals(Features.SCHEMA.size(), e.importance().size());
        assertTrue(report.contains("after calibration"), report);
    }

    @Test
    void calibrationIsFittedOutOfTimeAndLowersTheHoldoutBrier() {
        ChurnModel m = single();
        ChurnEvaluation e = m.evaluation().orElseThrow();
        assertTrue(e.calibration() != ChurnOptions.Calibration.AUTO);
        assertEquals(e.calibration(), m.calibration());
        assertTrue(e.calibrated().brier() <= e.forest().brier() + 1e-3, e.report());
        assertEquals(e.evaluationRows(),
                e.calibratedReliability().stream().mapToInt(ChurnEvaluation.ReliabilityBin::count).sum());
        // the calibrated Brier recomputed from the model's public probability output
        FeatureTable holdout = Features.of(MlTestData.duckDb()).asOf(e.evaluationAsOf());
        java.util.Set<String> buyers = Features.of(MlTestData.duckDb()).buyersAfter(e.evaluationAsOf(), 90);
        double[] p = m.probabilities(holdout.matrix());
        double brier = 0;
        for (int i = 0; i < p.length; i++) {
            double y = buyers.contains(holdout.customerIds().get(i)) ? 0 : 1;
            brier += (p[i] - y) * (p[i] - y) / p.length;
            assertEquals(p[i], m.probability(holdout.row(i)), 0);
        }
        assertEquals(e.calibrated().brier(), brier, 1e-12);
    }

    @Test
    void aModelRankingWorseThanTheLogisticBaselineIsWarnedAbout() {
        ChurnEvaluation e = single().evaluation().orElseThrow();
        assertEquals(java.util.List.of(), e.warnings(), "the forest beats the baseline: " + e.report());
        ChurnEvaluation.ModelMetrics weak = new ChurnEvaluation.ModelMetrics("gradient boosting",
                e.logistic().auc() - 0.02, e.forest().prAuc(), e.forest().brier(), e.forest().topDecileLift());
        ChurnEvaluation boosted = new ChurnEvaluation(e.trainAsOf(), e.evaluationAsOf(), e.horizonDays(),
                e.trainRows(), e.evaluationRows(), e.trainChurnRate(), e.evaluationChurnRate(), weak, e.logistic(),
                e.recency(), e.reliability(), e.importance(), e.calibrationAsOf(), e.calibrationRows(),
                e.calibration(), e.calibrated(), e.calibratedReliability(), e.evaluated(), e.deployed());
        String warning = String.format(java.util.Locale.ROOT, "the gradient boosting ranks worse than the "
                + "logistic-regression baseline (AUC %.4f < %.4f): try --algorithm forest, or more --trees / a larger "
                + "--max-depth", weak.auc(), e.logistic().auc());
        assertEquals(java.util.List.of(warning), boosted.warnings());
        assertTrue(boosted.report().contains("  warning: " + warning + "\n"), boosted.report());
    }

    @Test
    void calibratedProbabilitiesAreNeverExactlyZeroOrOne() {
        for (ChurnModel m : java.util.List.of(model(), single())) {
            double[] p = m.probabilities(Features.of(MlTestData.duckDb()).asOf(m.metadata().evaluationAsOf()).matrix());
            for (double v : p) {
                assertTrue(v > 0 && v < 1, m.calibration() + " gave " + v);
            }
        }
    }

    @Test
    void eachCalibrationMethodCanBeForced() {
        ChurnOptions small = OPTIONS.withTrees(20);
        for (ChurnOptions.Calibration c : java.util.List.of(ChurnOptions.Calibration.PLATT,
                ChurnOptions.Calibration.ISOTONIC, ChurnOptions.Calibration.NONE)) {
            ChurnModel m = ChurnModel.train(MlTestData.duckDb(), AS_OF, small.withCalibration(c));
            assertEquals(c, m.calibration());
            ChurnEvaluation e = m.evaluation().orElseThrow();
            if (c == ChurnOptions.Calibration.NONE) {
                assertEquals(e.forest().brier(), e.calibrated().brier(), 0);
            }
        }
    }

    @Test
    void theReferenceIsTheTrainingMedianAndExplanationsIsolateOneFeature() {
        ChurnModel m = model();
        FeatureTable train = Features.of(MlTestData.duckDb()).asOf(m.metadata().trainAsOf());
        int recency = train.schema().indexOf("recency_days");
        double[] column = java.util.stream.IntStream.range(0, train.size()).mapToDouble(i -> train.row(i)[recency])
                .sorted().toArray();
        double median = column.length % 2 == 1 ? column[column.length / 2]
                : (column[column.length / 2 - 1] + column[column.length / 2]) / 2;
        assertEquals(median, m.reference()[recency], 0);

        double[] x = m.reference();
        ChurnExplanation atReference = m.explain(x, 5);
        assertEquals(java.util.List.of(), atReference.contributions(), "at the reference no feature has an effect: "
                + "the list is not padded with zero effects");

        x[recency] = 365;
        ChurnExplanation e = m.explain(x, 3);
        ChurnExplanation.Contribution first = e.contributions().get(0);
        assertEquals("recency_days", first.feature());
        assertEquals(365, first.value(), 0);
        assertEquals(median, first.reference(), 0);
        assertEquals(m.probability(x) - m.probability(m.reference()), first.effect(), 1e-15);
        assertEquals(1, e.contributions().size(), "only recency differs from the reference: " + e);
        assertThrows(BookstoreException.class, () -> m.explain(x, 0));
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
    void gradientBoostingIsAnOptionEvaluatedTheSameWay() throws java.io.IOException {
        ChurnModel boosting = ChurnModel.train(MlTestData.duckDb(), AS_OF, OPTIONS.withAlgorithm(
                ChurnOptions.Algorithm.BOOSTING).withTrees(150).withMaxDepth(6));
        ChurnEvaluation e = boosting.evaluation().orElseThrow();
        System.err.println(e.report());
        assertEquals(ChurnOptions.Algorithm.BOOSTING, boosting.algorithm());
        assertEquals("gradient boosting", e.forest().model());
        assertTrue(e.forest().auc() > e.recency().auc(), e.report());
        assertTrue(e.forest().auc() > 0.7, e.report());
        assertEquals(Features.SCHEMA.size(), e.importance().size());
        // the model's calibrated probability is the calibration of Smile's posterior on a data frame
        double[][] holdout = Features.of(MlTestData.duckDb()).asOf(e.evaluationAsOf()).matrix();
        double[] smile = boosting.smileProbabilities(holdout);
        for (int i = 0; i < holdout.length; i += 7) {
            assertEquals(boosting.calibrator().apply(smile[i]), boosting.probability(holdout[i]), 1e-12, "row " + i);
        }
        // compiled like the forest, and written to and read back from a model file with the same probabilities
        assertTrue(boosting.scorer().boosted());
        double[] compiled = new double[holdout.length];
        boosting.scorer().score(holdout, compiled);
        for (int i = 0; i < holdout.length; i++) {
            assertEquals(smile[i], compiled[i], 1e-12, "compiled row " + i);
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("boosting", ".bsm");
        try {
            ModelFile.write(boosting, file);
            ChurnModel loaded = ModelFile.read(file);
            assertEquals(ChurnOptions.Algorithm.BOOSTING, loaded.algorithm());
            assertEquals(boosting.fingerprint(), loaded.fingerprint());
            for (double[] row : holdout) {
                assertEquals(boosting.probability(row), loaded.probability(row), 0.0);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aVectorOfTheWrongLengthIsRejected() {
        BookstoreException e = assertThrows(BookstoreException.class, () -> model().scorer().score(new double[3]));
        assertTrue(e.getMessage().contains("needs " + Features.SCHEMA.size()), e.getMessage());
    }

    @Test
    void optionsNameTheBadValue() {
        BookstoreException e = assertThrows(BookstoreException.class, () -> ChurnOptions.defaults().withTrees(0));
        assertEquals("churn option trees was 0; valid: 1..5000", e.getMessage());
    }
}
