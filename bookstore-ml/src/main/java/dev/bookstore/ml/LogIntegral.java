package dev.bookstore.ml;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * log ∫ over (lo, hi] of (alpha + τ)^−k (beta + τ)^−j dτ by composite Gauss–Legendre quadrature (commons-math3
 * nodes) in y = ln(m + τ), m = min(alpha, beta), where the log-integrand's slope lies in [−(k + j − 1), 1]: panels
 * of at most 2 units of decay each, stopped once the integrand has fallen by e^−45 (below double precision of the
 * sum).
 */
final class LogIntegral {
    private static final GaussIntegrator LEGENDRE = new GaussIntegratorFactory().legendre(12);
    private static final int MAX_PANELS = 400;

    private LogIntegral() {
    }

    static double paretoDropout(double k, double alpha, double j, double beta, double lo, double hi) {
        if (!(hi > lo)) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = Math.min(alpha, beta);
        double y0 = Math.log(m + lo);
        double y1 = Math.log(m + hi);
        double slope = k + j + 1;
        double end = Math.min(y1, y0 + 45 / slope);
        int panels = (int) Math.min(MAX_PANELS, Math.max(1, Math.ceil((end - y0) * slope / 2)));
        double width = (end - y0) / panels;
        int n = LEGENDRE.getNumberOfPoints();
        double[] logs = new double[panels * n];
        double top = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (int p = 0; p < panels; p++) {
            double a = y0 + p * width;
            for (int q = 0; q < n; q++) {
                double y = a + (LEGENDRE.getPoint(q) + 1) / 2 * width;
                double tau = Math.exp(y) - m;
                double v = Math.log(LEGENDRE.getWeight(q) * width / 2) + y - k * Math.log(alpha + tau)
                        - j * Math.log(beta + tau);
                logs[i++] = v;
                top = Math.max(top, v);
            }
        }
        double sum = 0;
        for (double v : logs) {
            sum += Math.exp(v - top);
        }
        return top + Math.log(sum);
    }
}
