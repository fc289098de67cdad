package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ChurnModel#explain(double[][], int)}, the batched explanation, against the definition computed here one
 * probe at a time: each feature's effect is the probability minus the probability with that feature at its
 * reference. Exact equality (the probes that are not scored walk the same leaves, so their effect is 0 bit for
 * bit), for a forest and a boosted model, on the holdout's customers and on vectors with extreme values.
 */
class ChurnExplainTest {
    /** Every contribution of {@code x}, by the definition, in schema order. */
    static double[] effectsByDefinition(ChurnModel m, double[] x) {
        double[] reference = m.reference();
        double p = m.probability(x);
        double[] effects = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double[] probe = x.clone();
            probe[j] = reference[j];
            effects[j] = p - m.probability(probe);
        }
        return effects;
    }

    static void assertExplainsByDefinition(ChurnModel m, double[][] rows) {
        int p = m.schema().size();
        List<ChurnExplanation> batch = m.explain(rows, p);
        assertEquals(rows.length, batch.size());
        int zeros = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] expected = effectsByDefinition(m, rows[i]);
            ChurnExplanation e = batch.get(i);
            assertEquals(m.probability(rows[i]), e.probability(), 0.0, "row " + i);
            long nonZero = java.util.Arrays.stream(expected).filter(v -> v != 0.0).count();
            zeros += (int) (p - nonZero);
            assertEquals(nonZero, e.contributions().size(), "row " + i + ": every feature that moves it, no padding");
            for (ChurnExplanation.Contribution c : e.contributions()) {
                int j = m.schema().columns().indexOf(c.feature());
                assertEquals(expected[j], c.effect(), 0.0, "row " + i + " " + c.feature());
                assertEquals(rows[i][j], c.value(), 0.0);
                assertEquals(m.reference()[j], c.reference(), 0.0);
            }
            for (int k = 1; k < e.contributions().size(); k++) {
                assertTrue(Math.abs(e.contributions().get(k - 1).effect())
                        >= Math.abs(e.contributions().get(k).effect()), "largest first, row " + i);
            }
            ChurnExplanation single = m.explain(rows[i], 3);
            assertEquals(e.contributions().subList(0, Math.min(3, e.contributions().size())), single.contributions(),
                    "single = batch, row " + i);
            assertEquals(e.probability(), single.probability(), 0.0);
        }
        assertTrue(zeros > 0, "some features cannot move some rows' leaves (those are not probed)");
    }

    static double[][] rows(ChurnModel m) {
        double[][] holdout = Features.of(MlTestData.duckDb()).asOf(m.metadata().evaluationAsOf()).matrix();
        double[][] rows = Arrays.copyOf(holdout, Math.min(holdout.length, 150) + 2);
        double[] high = m.reference();
        Arrays.fill(high, 1e9);
        double[] low = m.reference();
        Arrays.fill(low, -1e9);
        rows[rows.length - 2] = high;
        rows[rows.length - 1] = low;
        return rows;
    }

    @Test
    void theForestsBatchedEffectsEqualTheDefinition() {
        ChurnModel m = ChurnModelTest.model();
        assertExplainsByDefinition(m, rows(m));
    }

    @Test
    void theBoostedModelsBatchedEffectsEqualTheDefinition() {
        ChurnModel m = ChurnModel.train(MlTestData.duckDb(), ChurnModelTest.AS_OF, ChurnModelTest.SINGLE
                .withAlgorithm(ChurnOptions.Algorithm.BOOSTING).withTrees(40).withMaxDepth(5));
        assertExplainsByDefinition(m, rows(m));
    }

    @Test
    void badArgumentsNameWhatIsWrong() {
        ChurnModel m = ChurnModelTest.model();
        int p = m.schema().size();
        InvalidArgumentException top = assertThrows(InvalidArgumentException.class,
                () -> m.explain(new double[][] {m.reference()}, p + 1));
        assertEquals("top", top.parameter().orElseThrow());
        InvalidArgumentException length = assertThrows(InvalidArgumentException.class,
                () -> m.explain(new double[][] {m.reference(), new double[2]}, 1));
        assertTrue(length.getMessage().contains("feature vector 1 has 2 values"), length.getMessage());
        assertEquals(List.of(), m.explain(new double[0][], 1));
    }
}
