package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Stacked snapshots, the refit and the no-leakage rule for every snapshot the training reads. */
class StackedChurnTest {
    private static final int H = 90;

    @Test
    void theStepsUseMonthlySnapshotsWithinTheHistoryAndTheReportSaysWhich() {
        ChurnModel m = ChurnModelTest.model();
        ChurnEvaluation e = m.evaluation().orElseThrow();
        String report = e.report();
        System.err.println(report);
        // oracle: the test data starts on 2025-01-01, so a snapshot needs to be on or after 2025-04-01 (one
        // horizon of history); the evaluation's latest training snapshot ends its outcomes on the evaluation day
        assertEquals(LocalDate.of(2025, 1, 1), ChurnPlan.historyStart(MlTestData.duckDb()).orElseThrow());
        assertEquals(List.of(LocalDate.of(2025, 4, 4), LocalDate.of(2025, 5, 4), LocalDate.of(2025, 6, 4),
                LocalDate.of(2025, 7, 4)), e.evaluated().trainSnapshots());
        assertEquals(LocalDate.of(2025, 7, 4), e.evaluated().calibrationAsOf());
        assertTrue(e.evaluated().crossFitted());
        assertEquals(List.of(LocalDate.of(2025, 4, 2), LocalDate.of(2025, 5, 2), LocalDate.of(2025, 6, 2),
                LocalDate.of(2025, 7, 2), LocalDate.of(2025, 8, 2), LocalDate.of(2025, 9, 2),
                LocalDate.of(2025, 10, 2)), e.deployed().trainSnapshots());
        assertEquals(LocalDate.of(2025, 10, 2), e.deployed().calibrationAsOf());
        assertEquals("7 snapshots 2025-04-02..2025-10-02", e.deployed().window());
        // the written model is the refit: its metadata names the latest snapshot, its rows are the stacked rows
        assertEquals(LocalDate.of(2025, 10, 2), m.metadata().trainAsOf());
        assertEquals(e.deployed().trainRows(), m.metadata().trainRows());
        int rows = 0;
        for (LocalDate t : e.deployed().trainSnapshots()) {
            rows += Features.of(MlTestData.duckDb()).asOf(t).size();
        }
        assertEquals(rows, e.deployed().trainRows());
        assertEquals(e.deployed().calibration(), m.calibration());
        assertTrue(report.contains("evaluated model: trained on 4 snapshots 2025-04-04..2025-07-04"), report);
        assertTrue(report.contains("written model (refit): trained on 7 snapshots 2025-04-02..2025-10-02"), report);
        assertTrue(e.forest().auc() > e.logistic().auc(), report);
        assertTrue(e.forest().auc() > e.recency().auc(), report);
        assertTrue(e.calibrated().auc() > e.recency().auc(), report);
    }

    @Test
    void withoutRefitTheWrittenModelIsTheEvaluatedOne() {
        ChurnModel m = ChurnModel.train(MlTestData.duckDb(), ChurnModelTest.AS_OF,
                ChurnModelTest.OPTIONS.withTrees(20).withRefit(false).withSnapshots(2));
        ChurnEvaluation e = m.evaluation().orElseThrow();
        assertEquals(e.evaluated(), e.deployed());
        assertEquals(List.of(LocalDate.of(2025, 6, 4), LocalDate.of(2025, 7, 4)), e.evaluated().trainSnapshots());
        assertEquals(LocalDate.of(2025, 7, 4), m.metadata().trainAsOf());
        assertTrue(e.report().contains("written model (the evaluated one)"), e.report());
        // the model's own probabilities reproduce the evaluation's calibrated Brier score
        FeatureTable holdout = Features.of(MlTestData.duckDb()).asOf(e.evaluationAsOf());
        int[] y = ChurnModel.labels(holdout, Features.of(MlTestData.duckDb()).buyersAfter(e.evaluationAsOf(), H), "x");
        assertEquals(e.calibrated().brier(), Evaluation.brier(m.probabilities(holdout.matrix()), y), 1e-12);
    }

    /**
     * The no-leakage rule for every snapshot each step reads, against an oracle: a second warehouse from which every
     * order, order line and session after a day is deleted. A snapshot's features must be the same there when the
     * day is the snapshot's own, and its labels the same when the day is the step's cut-off (the evaluation day for
     * the evaluation step, the as-of day for the refit); a feature or label that read a later day would differ.
     */
    @Test
    void everySnapshotOfEveryStepIsPointInTime() {
        Warehouse full = MlTestData.duckDb();
        Optional<LocalDate> start = ChurnPlan.historyStart(full);
        List<ChurnPlan> plans = List.of(ChurnPlan.of(ChurnModelTest.AS_OF, ChurnModelTest.OPTIONS, start),
                ChurnPlan.of(ChurnModelTest.AS_OF, ChurnModelTest.SINGLE, start));
        // the plans are the ones training used: the reports list the same snapshots
        ChurnEvaluation stacked = ChurnModelTest.model().evaluation().orElseThrow();
        assertEquals(plans.get(0).evaluation().train(), stacked.evaluated().trainSnapshots());
        assertEquals(plans.get(0).deployment().orElseThrow().train(), stacked.deployed().trainSnapshots());
        assertEquals(plans.get(0).evaluation().calibration(), stacked.evaluated().calibrationAsOf());
        ChurnEvaluation single = ChurnModelTest.single().evaluation().orElseThrow();
        assertEquals(plans.get(1).evaluation().train(), single.evaluated().trainSnapshots());
        assertEquals(plans.get(1).evaluation().calibration(), single.calibrationAsOf());
        assertTrue(plans.get(1).deployment().isEmpty());

        // day -> snapshots whose features are read on it; cut-off -> snapshots labelled by it
        TreeMap<LocalDate, TreeSet<LocalDate>> features = new TreeMap<>();
        TreeMap<LocalDate, TreeSet<LocalDate>> labels = new TreeMap<>();
        for (ChurnPlan plan : plans) {
            List<ChurnPlan.Step> steps = new ArrayList<>(List.of(plan.evaluation()));
            plan.deployment().ifPresent(steps::add);
            for (ChurnPlan.Step step : steps) {
                List<LocalDate> read = new ArrayList<>(step.train());
                read.add(step.calibration());
                for (LocalDate t : read) {
                    assertFalse(t.plusDays(H).isAfter(step.labelledBy()), step + ": " + t + " is labelled after "
                            + step.labelledBy());
                    features.computeIfAbsent(t, d -> new TreeSet<>()).add(t);
                    labels.computeIfAbsent(step.labelledBy(), d -> new TreeSet<>()).add(t);
                }
            }
            assertEquals(plan.asOf().minusDays(H), plan.evaluationAsOf());
            assertEquals(plan.evaluationAsOf(), plan.evaluation().labelledBy(),
                    "no evaluation-step row sees the evaluation window's outcomes");
            plan.deployment().ifPresent(d -> assertEquals(plan.asOf(), d.labelledBy()));
            features.computeIfAbsent(plan.evaluationAsOf(), d -> new TreeSet<>()).add(plan.evaluationAsOf());
            labels.computeIfAbsent(plan.asOf(), d -> new TreeSet<>()).add(plan.evaluationAsOf());
        }
        TreeSet<LocalDate> cuts = new TreeSet<>(features.keySet());
        cuts.addAll(labels.keySet());
        try (Warehouse cut = Warehouse.connect("jdbc:duckdb:")) {
            MlTestData.load(cut, MlTestData.dir());
            Features before = Features.of(full);
            Features after = Features.of(cut);
            int checked = 0;
            for (LocalDate day : cuts.descendingSet()) {
                deleteAfter(cut, day);
                for (LocalDate t : labels.getOrDefault(day, new TreeSet<>())) {
                    assertEquals(before.buyersAfter(t, H), after.buyersAfter(t, H), "labels of " + t + " cut at " + day);
                    checked++;
                }
                for (LocalDate t : features.getOrDefault(day, new TreeSet<>())) {
                    assertEquals(before.asOf(t), after.asOf(t), "features of " + t);
                    checked++;
                }
            }
            assertTrue(checked >= 2 * 12, "checked " + checked);
            // the oracle can fail: features as of the evaluation day differ once a later day is deleted
            LocalDate late = plans.get(0).evaluationAsOf();
            assertNotEquals(before.asOf(late.plusDays(30)), after.asOf(late.plusDays(30)));
        }
    }

    private static void deleteAfter(Warehouse wh, LocalDate day) {
        for (String[] table : new String[][] {{"fct_orders", "order_date"}, {"fct_order_lines", "order_date"},
                {"fct_sessions", "session_date"}}) {
            String sql = wh.render("DELETE FROM ${marts:" + table[0] + "} WHERE " + table[1] + " > :day");
            wh.withHandle(h -> h.createUpdate(sql).bind("day", java.sql.Date.valueOf(day)).execute());
        }
    }

}
