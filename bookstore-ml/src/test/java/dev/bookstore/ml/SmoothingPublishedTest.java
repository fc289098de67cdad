package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Exponential smoothing reproduces statsmodels' published outputs (statsmodels/tsa/holtwinters/tests/
 * test_holtwinters.py, which checks them against Hyndman &amp; Athanasopoulos, "Forecasting: principles and
 * practice", fpp2 data sets): within 1 % (the fixed-parameter cases to 4 decimals).
 */
class SmoothingPublishedTest {
    /** fpp2 {@code oil}: Saudi Arabia oil production 1996–2007 (as in test_holtwinters.py). */
    static final double[] OIL = {446.6565229, 454.4733065, 455.662974, 423.6322388, 456.2713279, 440.5880501,
        425.3325201, 485.1494479, 506.0481621, 526.7919833, 514.268889, 494.2110193};
    /** fpp2 {@code ausair}: air passengers in Australia 1990–2004. */
    static final double[] AUSAIR = {17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535,
        30.1857, 31.5797, 32.577569, 33.477398, 39.021581, 41.386432, 41.596552};
    /** fpp2 {@code austourists}, 2005Q1–2010Q4 (the {@code aust} series of test_holtwinters.py). */
    static final double[] AUST = {41.727458, 24.04185, 32.328103, 37.328708, 46.213153, 29.346326, 36.48291,
        42.977719, 48.901525, 31.180221, 37.717881, 40.420211, 51.206863, 31.887228, 40.978263, 43.772491,
        55.558567, 33.850915, 42.076383, 45.642292, 59.76678, 35.191877, 44.319737, 47.913736};

    private static final Smoothing.Shape SES = new Smoothing.Shape(Smoothing.Trend.NONE, Smoothing.Season.NONE, 1);

    @Test
    void simpleExponentialSmoothingWithFixedAlpha() {
        // test_simple_exp_smoothing: legacy-heuristic start (level = first observation), alpha 0.2 and 0.6
        Smoothing.Fit f02 = Smoothing.run(OIL, SES, new double[] {0.2, 0, 0, 1}, OIL[0], 0, new double[0]);
        assertEquals(484.802468, f02.forecast(1)[0], 1e-4);
        Smoothing.Fit f06 = Smoothing.run(OIL, SES, new double[] {0.6, 0, 0, 1}, OIL[0], 0, new double[0]);
        assertEquals(501.837461, f06.forecast(1)[0], 1e-4);
    }

    @Test
    void simpleExponentialSmoothingEstimated() {
        // fit3: alpha 0.891998, initial level 447.478440, forecast 496.493543
        Smoothing.Fit f = Smoothing.fit(OIL, SES, true);
        assertEquals(0.891998, f.params()[0], 0.01 * 0.891998);
        assertEquals(447.478440, f.initialLevel(), 0.01 * 447.478440);
        assertEquals(496.493543, f.forecast(1)[0], 0.01 * 496.493543);
    }

    @Test
    void holtWithFixedParameters() {
        // test_holt fit1: alpha 0.8, beta 0.2, legacy-heuristic start (level y0, trend y1 - y0)
        Smoothing.Shape holt = new Smoothing.Shape(Smoothing.Trend.ADDITIVE, Smoothing.Season.NONE, 1);
        Smoothing.Fit f = Smoothing.run(AUSAIR, holt, new double[] {0.8, 0.2, 0, 1}, AUSAIR[0], AUSAIR[1] - AUSAIR[0],
                new double[0]);
        assertArrayEquals(new double[] {43.76, 45.59, 47.43, 49.27, 51.10}, f.forecast(5), 0.005);
    }

    @Test
    void holtWintersMultiplicativeEstimated() {
        // test_ndarray / test_predict: additive trend, multiplicative seasonality, period 4, estimated start:
        // forecasts 61.3083, 37.3730, 46.9652, 51.5578
        Smoothing.Shape hw = new Smoothing.Shape(Smoothing.Trend.ADDITIVE, Smoothing.Season.MULTIPLICATIVE, 4);
        Smoothing.Fit f = Smoothing.fit(AUST, hw, true);
        double[] published = {61.3083, 37.3730, 46.9652, 51.5578};
        double[] mine = f.forecast(4);
        for (int i = 0; i < 4; i++) {
            assertEquals(published[i], mine[i], 0.01 * published[i], "step " + (i + 1));
        }
    }
}
