package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ChurnModel#explain}, which scores no probe, against the definition computed here one probe at a time:
 * each feature's effect is the probability minus the probability with that feature at its reference, each probe
 * scored whole. Within 1e-12 (the explanation adds the probe's change to the row's sum over trees, the definition
 * sums the probe's leaves afresh: the same values added in another order), for a forest and a boosted model, on the
 * holdout's customers and on vectors with extreme and non-finite values (which take the exact walk); and the sums
 * behind the probes against Smile's own prediction of every probe, and the branch-free passes against the exact
 * walk.
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
        int moved = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] expected = effectsByDefinition(m, rows[i]);
            ChurnExplanation e = batch.get(i);
            assertEquals(m.probability(rows[i]), e.probability(), 0.0, "row " + i);
            double[] listed = new double[p];
            for (ChurnExplanation.Contribution c : e.contributions()) {
                int j = m.schema().columns().indexOf(c.feature());
                assertTrue(c.effect() != 0.0, "row " + i + ": no zero effect listed, " + c);
                listed[j] = c.effect();
                assertEquals(rows[i][j], c.value(), 0.0);
                assertEquals(m.reference()[j], c.reference(), 0.0);
            }
            for (int j = 0; j < p; j++) {
                // a feature left out has effect 0: then the definition's effect is 0 too (up to rounding)
                assertEquals(expected[j], listed[j], 1e-12, "row " + i + " " + m.schema().columns().get(j));
                zeros += expected[j] == 0.0 ? 1 : 0;
                moved += Math.abs(expected[j]) > 1e-9 ? 1 : 0;
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
        assertTrue(zeros > 0, "some features cannot move some rows' leaves");
        assertTrue(moved > rows.length, "features do move rows: " + moved);
    }

    static double[][] rows(ChurnModel m) {
        double[][] holdout = Features.of(MlTestData.duckDb()).asOf(m.metadata().evaluationAsOf()).matrix();
        double[][] rows = Arrays.copyOf(holdout, Math.min(holdout.length, 150) + 3);
        double[] high = m.reference();
        Arrays.fill(high, 1e9);
        double[] low = m.reference();
        Arrays.fill(low, -1e9);
        double[] odd = holdout[0].clone();
        odd[0] = Double.NaN;
        odd[1] = Double.POSITIVE_INFINITY;
        odd[2] = Double.NEGATIVE_INFINITY;
        rows[rows.length - 3] = high;
        rows[rows.length - 2] = low;
        rows[rows.length - 1] = odd;
        return rows;
    }

    @Test
    void theForestsBatchedEffectsEqualTheDefinition() {
        ChurnModel m = ChurnModelTest.model();
        assertExplainsByDefinition(m, rows(m));
    }

    private static ChurnModel boosted;

    static synchronized ChurnModel boosted() {
        if (boosted == null) {
            boosted = ChurnModel.train(MlTestData.duckDb(), ChurnModelTest.AS_OF, ChurnModelTest.SINGLE
                    .withAlgorithm(ChurnOptions.Algorithm.BOOSTING).withTrees(40).withMaxDepth(5));
        }
        return boosted;
    }

    @Test
    void theBoostedModelsBatchedEffectsEqualTheDefinition() {
        ChurnModel m = boosted();
        assertExplainsByDefinition(m, rows(m));
    }

    /**
     * The raw scores behind the effects (the row's sum over trees, and that sum plus each probe's change) against
     * Smile's own prediction of the row and of every probe, each walked over Smile's tree nodes.
     */
    static void assertProbesMatchSmile(ChurnModel m) {
        double[][] holdout = Features.of(MlTestData.duckDb()).asOf(m.metadata().evaluationAsOf()).matrix();
        double[][] rows = Arrays.copyOf(holdout, Math.min(holdout.length, 60));
        double[] reference = m.reference();
        Scorer s = m.scorer();
        int p = reference.length;
        int changed = 0;
        for (double[] x : rows) {
            double[][] probes = new double[p + 1][];
            probes[p] = x;
            for (int j = 0; j < p; j++) {
                probes[j] = x.clone();
                probes[j][j] = reference[j];
            }
            double[] smile = m.smileProbabilities(probes);
            double[] delta = new double[p];
            double sum = s.flat().probes(x, reference, s.start(), delta, new FlatForest.ProbeWork());
            assertEquals(smile[p], s.probability(sum), 1e-12, "the row");
            double[] exact = new double[p];
            int[] stamp = new int[p];
            Arrays.fill(stamp, -1);
            assertEquals(sum, s.flat().probesExact(x, reference, s.start(), exact, stamp, new int[p], new double[p]),
                    0.0, "the branch-free passes = the exact walk, bit for bit");
            assertArrayEquals(exact, delta, 1e-12, "the same changes (added in another order)");
            for (int j = 0; j < p; j++) {
                assertEquals(smile[j], s.probability(sum + delta[j]), 1e-12, "probe of " + j);
                changed += Math.abs(smile[j] - smile[p]) > 1e-9 ? 1 : 0;
            }
        }
        assertTrue(changed > rows.length, "probes do change Smile's prediction: " + changed);
    }

    @Test
    void theForestsProbesMatchSmile() {
        assertProbesMatchSmile(ChurnModelTest.model());
    }

    @Test
    void theBoostedModelsProbesMatchSmile() {
        assertProbesMatchSmile(boosted());
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
