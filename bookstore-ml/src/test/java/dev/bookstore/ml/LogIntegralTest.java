package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The quadrature path of Pareto/NBD's A0 agrees with the hypergeometric series where both apply. */
class LogIntegralTest {
    @Test
    void quadratureEqualsTheSeries() {
        double[][] cases = {{0.55, 10.6, 0.6, 11.7, 2, 30.43, 38.86}, {0.3, 2, 1.5, 5, 0, 0, 40},
            {2, 4, 0.8, 30, 12, 20, 52}, {0.5, 40, 0.5, 8, 1, 3, 10}, {0.5, 7.9, 0.5, 8, 25, 0.5, 60}};
        for (double[] c : cases) {
            double r = c[0];
            double alpha = c[1];
            double s = c[2];
            double beta = c[3];
            int x = (int) c[4];
            double series = seriesLogA0(r, alpha, s, beta, x, c[5], c[6]);
            double quadrature = Math.log(r + s + x) + LogIntegral.paretoDropout(r + x, alpha, s + 1, beta, c[5], c[6]);
            assertEquals(series, quadrature, 1e-9 * Math.max(1, Math.abs(series)), java.util.Arrays.toString(c));
        }
    }

    /** Fader &amp; Hardie's series form of log A0 (any argument below 1; slow near 1 but exact). */
    static double seriesLogA0(double r, double alpha, double s, double beta, int x, double tx, double T) {
        double min = Math.min(alpha, beta);
        double max = Math.max(alpha, beta);
        double t = alpha < beta ? r + x : s + 1;
        double rsf = r + s + x;
        double l1 = Math.log(Hypergeometric.f21(rsf, t, rsf + 1, (max - min) / (max + tx))) - rsf * Math.log(max + tx);
        double l2 = Math.log(Hypergeometric.f21(rsf, t, rsf + 1, (max - min) / (max + T))) - rsf * Math.log(max + T);
        return l1 + Math.log1p(-Math.exp(l2 - l1));
    }
}
