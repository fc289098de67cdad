package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.BookstoreException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratorTest {
    @Test
    void isotonicPoolsAdjacentViolatorsOnAHandMadeSample() {
        // scores ascending with outcomes 0, 1, 0, 0, 1, 1: the 1 at 0.2 violates against 0.3 and 0.4 and pools
        // with them into one block of mean 1/3; the block at 0.1 stays 0 and 0.5..0.6 stays 1; on Platt's smoothed
        // targets (3 of each outcome: 1 -> 4/5, 0 -> 1/5) the block values are 1/5 + 3/5 x (0, 1/3, 1)
        double[] s = {0.4, 0.1, 0.6, 0.3, 0.2, 0.5};
        int[] y = {0, 0, 1, 0, 1, 1};
        Calibrator c = Calibrator.fitIsotonic(s, y);
        assertArrayEquals(new double[] {0.1, 0.4, 0.6}, c.upper(), 0);
        assertArrayEquals(new double[] {0.2, 0.4, 0.8}, c.value(), 1e-15);
        assertEquals(0.2, c.apply(0.05), 1e-15);
        assertEquals(0.2, c.apply(0.1), 1e-15);
        assertEquals(0.4, c.apply(0.2), 1e-15);
        assertEquals(0.4, c.apply(0.35), 1e-15);
        assertEquals(0.8, c.apply(0.45), 1e-15, "a score between blocks takes the next block's value");
        assertEquals(0.8, c.apply(0.99), 1e-15);
    }

    @Test
    void isotonicPoolsTiedScoresFirst() {
        double[] s = {0.5, 0.5, 0.5, 0.5, 0.9};
        int[] y = {1, 0, 0, 0, 1};
        Calibrator c = Calibrator.fitIsotonic(s, y);
        assertArrayEquals(new double[] {0.5, 0.9}, c.upper(), 0);
        // 2 churners, 3 not: targets 3/4 and 1/5; block means 1/4 and 1
        assertArrayEquals(new double[] {0.2 + 0.55 * 0.25, 0.75}, c.value(), 1e-15);
    }

    @Test
    void plattRecoversTheParametersOfAKnownLogistic() {
        // P(y = 1 | s) = 1 / (1 + exp(alpha·s + beta)) with alpha = -6, beta = 2.5
        Random random = new Random(7);
        int n = 40_000;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextDouble();
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-6 * s[i] + 2.5)) ? 1 : 0;
        }
        Calibrator c = Calibrator.fitPlatt(s, y);
        assertEquals(-6.0, c.alpha(), 0.25);
        assertEquals(2.5, c.beta(), 0.12);
        assertEquals(1 / (1 + Math.exp(-6 * 0.7 + 2.5)), c.apply(0.7), 0.01);
        Calibrator exact = Calibrator.platt(-6, 2.5);
        assertEquals(1 / (1 + Math.exp(-6 * 0.3 + 2.5)), exact.apply(0.3), 1e-15);
        assertEquals(1 - Calibrator.MIN_PROBABILITY, Calibrator.platt(-2000, 0).apply(1), 0,
                "no overflow for large arguments, and never exactly 1");
    }

    @Test
    void noMethodReturnsExactlyZeroOrOne() {
        // a large sample in which every high score churned and every low one did not: isotonic's top block
        // would say 1 and its bottom block 0 without the smoothing
        int n = 10_000;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (double) i / n;
            y[i] = i >= n / 2 ? 1 : 0;
        }
        Calibrator isotonic = Calibrator.fitIsotonic(s, y);
        assertEquals((n / 2 + 1.0) / (n / 2 + 2.0), isotonic.apply(0.99), 1e-15, "Platt's target for a 1");
        assertEquals(1 / (n / 2 + 2.0), isotonic.apply(0.01), 1e-15, "Platt's target for a 0");
        for (Calibrator c : new Calibrator[] {isotonic, Calibrator.fitPlatt(s, y), Calibrator.none(),
                Calibrator.platt(-50, 25)}) {
            for (double score : new double[] {0, 1e-9, 0.5, 1 - 1e-9, 1}) {
                double p = c.apply(score);
                assertTrue(p > 0 && p < 1, c.method() + " maps " + score + " to " + p);
            }
        }
    }

    @Test
    void autoPicksIsotonicForAStepAndPlattForALogistic() {
        Random random = new Random(3);
        int n = 20_000;
        double[] s = new double[n];
        int[] step = new int[n];
        int[] logistic = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextDouble();
            step[i] = random.nextDouble() < (s[i] < 0.5 ? 0.1 : 0.9) ? 1 : 0;
            logistic[i] = random.nextDouble() < 1 / (1 + Math.exp(-3 * s[i] + 1.5)) ? 1 : 0;
        }
        assertEquals(ChurnOptions.Calibration.ISOTONIC, Calibrator.choose(s, step).method());
        assertEquals(ChurnOptions.Calibration.PLATT, Calibrator.choose(s, logistic).method());
    }

    @Test
    void autoKeepsTheScoresWhenNoCalibrationLowersTheCrossFittedBrier() {
        // scores that are calibrated already: y ~ Bernoulli(s)
        Random random = new Random(5);
        int n = 20_000;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextDouble();
            y[i] = random.nextDouble() < s[i] ? 1 : 0;
        }
        Calibrator.Choice c = Calibrator.select(ChurnOptions.Calibration.AUTO, s, y);
        assertEquals(ChurnOptions.Calibration.NONE, c.calibrator().method(), c.toString());
        assertEquals(java.util.List.of(ChurnOptions.Calibration.NONE, ChurnOptions.Calibration.PLATT,
                ChurnOptions.Calibration.ISOTONIC), java.util.List.copyOf(c.crossFittedBrier().keySet()));
        // the reported Brier of NONE is the scores' own
        double brier = 0;
        for (int i = 0; i < n; i++) {
            brier += (s[i] - y[i]) * (s[i] - y[i]) / n;
        }
        assertEquals(brier, c.crossFittedBrier().get(ChurnOptions.Calibration.NONE), 1e-12);
        assertTrue(c.notes().isEmpty(), c.notes().toString());
    }

    @Test
    void aPlattFitThatFailsFallsBackAndSaysSo() {
        // scores so large that the Newton step overflows: Platt cannot be fitted
        double[] s = new double[200];
        int[] y = new int[200];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % 2 == 0 ? 1e200 : -1e200;
            y[i] = i % 3 == 0 ? 1 : 0;
        }
        assertThrows(Calibrator.PlattFailure.class, () -> Calibrator.fitPlatt(s, y));
        Calibrator.Choice forced = Calibrator.select(ChurnOptions.Calibration.PLATT, s, y);
        assertEquals(ChurnOptions.Calibration.NONE, forced.calibrator().method());
        assertTrue(forced.notes().stream().anyMatch(n -> n.startsWith("platt scaling failed on all rows")
                && n.endsWith("fell back to none")), forced.notes().toString());
        Calibrator.Choice auto = Calibrator.select(ChurnOptions.Calibration.AUTO, s, y);
        assertTrue(auto.calibrator().method() != ChurnOptions.Calibration.PLATT);
        assertEquals(Double.POSITIVE_INFINITY, auto.crossFittedBrier().get(ChurnOptions.Calibration.PLATT), 0);
        assertTrue(auto.notes().stream().anyMatch(n -> n.startsWith("platt could not be fitted in cross-fitting")),
                auto.notes().toString());
    }

    @Test
    void plattConvergesWithoutLoggingOnManyRows() {
        // the case where Smile's PlattScaling logged "[ERROR] PlattScaling - Line search fails.": tens of thousands
        // of rows, where an absolute gradient tolerance is out of reach; this fit stops at the optimum, silently
        Random random = new Random(11);
        int n = 60_000;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(1, Math.max(0, 0.5 + 0.25 * random.nextGaussian()));
            y[i] = random.nextDouble() < 0.05 + 0.3 * s[i] ? 1 : 0;
        }
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        Calibrator c;
        try {
            c = Calibrator.fitPlatt(s, y);
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0.05 + 0.3 * 0.5, c.apply(0.5), 0.01);
    }

    @Test
    void calibrationNeedsBothOutcomes() {
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> Calibrator.fitPlatt(new double[] {0.1, 0.2}, new int[] {1, 1}));
        assertTrue(e.getMessage().contains("both outcomes"), e.getMessage());
    }
}
