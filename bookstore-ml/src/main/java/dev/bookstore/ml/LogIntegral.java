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
    /**
     * A frequency's integrals are shared (see {@link #paretoDropouts}) when the points they span are at most this
     * many times its patterns: a shared segment costs about one panel of exponentials, a pattern integrated on its
     * own several panels of logarithms.
     */
    private static final int SHARED_SEGMENTS_PER_PATTERN = 4;
    /** More panels than this per pattern (extreme parameters): the patterns are integrated one by one instead. */
    private static final int PANELS_PER_SHARED_PATTERN = 4;
    /** Above this ratio G(T)/G(t_x) the difference G(t_x) − G(T) would lose digits: sum the segments instead. */
    private static final double CANCELLATION = Math.log(0.99);

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

    /**
     * For every pattern of {@code d}: log ∫ over (t_x, T] of (alpha + τ)^−(r+x) (beta + τ)^−(s+1) dτ, the
     * integral of {@link #paretoDropout} with k = r + x and j = s + 1, computed once per frequency for all its
     * patterns: the integrals over the segments between consecutive distinct time points of {@code d} (the same
     * panels of Gauss–Legendre nodes in y = ln(m + τ), their logarithms shared by all frequencies), then tail sums
     * G(u) = ∫ from u to the frequency's last age, and the pattern's integral G(t_x) − G(T) (or, where that would
     * cancel, the sum of its segments). Frequencies with few patterns over many points are left as NaN for the
     * caller to integrate pattern by pattern, and all of them where the parameters would need more panels than that
     * costs. −∞ where t_x = T.
     */
    static double[] paretoDropouts(double r, double alpha, double s, double beta, RfmData d) {
        int n = d.patterns();
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        int f = d.frequencies.length;
        int[] lo = new int[f];
        int[] hi = new int[f];
        boolean[] shared = new boolean[f];
        int first = Integer.MAX_VALUE;
        int last = -1;
        int xmax = 0;
        for (int j = 0; j < f; j++) {
            lo[j] = Integer.MAX_VALUE;
            hi[j] = -1;
            for (int i = d.xStart[j]; i < d.xStart[j + 1]; i++) {
                lo[j] = Math.min(lo[j], d.txPoint[i]);
                hi[j] = Math.max(hi[j], d.agePoint[i]);
            }
            shared[j] = hi[j] - lo[j] <= SHARED_SEGMENTS_PER_PATTERN * (d.xStart[j + 1] - d.xStart[j]);
            if (shared[j]) {
                first = Math.min(first, lo[j]);
                last = Math.max(last, hi[j]);
                xmax = Math.max(xmax, d.frequencies[j]);
            }
        }
        if (last <= first) {
            for (int j = 0; j < f; j++) {
                if (shared[j]) {
                    for (int i = d.xStart[j]; i < d.xStart[j + 1]; i++) {
                        out[i] = Double.NEGATIVE_INFINITY;
                    }
                }
            }
            return out;
        }
        // the nodes of every segment between points first and last: log weight + Jacobian − r ln(alpha + τ)
        // − (s + 1) ln(beta + τ), and ln(alpha + τ) for the frequency's own − x ln(alpha + τ)
        double m = Math.min(alpha, beta);
        double slope = r + xmax + s + 2;
        int segments = last - first;
        int q = LEGENDRE.getNumberOfPoints();
        double[] y = new double[segments + 1];
        for (int k = 0; k <= segments; k++) {
            y[k] = Math.log(m + d.points[first + k]);
        }
        int[] nodeStart = new int[segments + 1];
        int[] panels = new int[segments];
        double budget = PANELS_PER_SHARED_PATTERN * (double) n;
        double total = 0;
        for (int k = 0; k < segments; k++) {
            double needed = Math.max(1, Math.ceil((y[k + 1] - y[k]) * slope / 2));
            total += needed;
            if (!(needed <= MAX_PANELS && total <= budget)) {
                // extreme parameters (a steep integrand over a wide range): every pattern on its own, as before
                java.util.Arrays.fill(out, Double.NaN);
                return out;
            }
            panels[k] = (int) needed;
            nodeStart[k + 1] = nodeStart[k] + panels[k] * q;
        }
        double[] base = new double[nodeStart[segments]];
        double[] lnAlpha = new double[base.length];
        int node = 0;
        for (int k = 0; k < segments; k++) {
            double width = (y[k + 1] - y[k]) / panels[k];
            for (int p = 0; p < panels[k]; p++) {
                double a = y[k] + p * width;
                for (int g = 0; g < q; g++) {
                    double yy = a + (LEGENDRE.getPoint(g) + 1) / 2 * width;
                    double tau = Math.exp(yy) - m;
                    lnAlpha[node] = Math.log(alpha + tau);
                    base[node++] = Math.log(LEGENDRE.getWeight(g) * width / 2) + yy - r * lnAlpha[node - 1]
                            - (s + 1) * Math.log(beta + tau);
                }
            }
        }
        for (int j = 0; j < f; j++) {
            if (!shared[j]) {
                continue;
            }
            int x = d.frequencies[j];
            int count = hi[j] - lo[j];
            double[] logSegment = new double[count];
            for (int k = 0; k < count; k++) {
                int from = nodeStart[lo[j] - first + k];
                int to = nodeStart[lo[j] - first + k + 1];
                double ref = base[from] - x * lnAlpha[from];
                double sum = 0;
                for (int g = from; g < to; g++) {
                    sum += Math.exp(base[g] - x * lnAlpha[g] - ref);
                }
                logSegment[k] = ref + Math.log(sum);
            }
            double[] tail = new double[count + 1];
            tail[count] = Double.NEGATIVE_INFINITY;
            for (int k = count - 1; k >= 0; k--) {
                tail[k] = logAddExp(logSegment[k], tail[k + 1]);
            }
            for (int i = d.xStart[j]; i < d.xStart[j + 1]; i++) {
                int a = d.txPoint[i] - lo[j];
                int b = d.agePoint[i] - lo[j];
                if (a >= b) {
                    out[i] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double ratio = tail[b] - tail[a];
                if (ratio < CANCELLATION) {
                    out[i] = tail[a] + Math.log1p(-Math.exp(ratio));
                } else {
                    double sum = Double.NEGATIVE_INFINITY;
                    for (int k = b - 1; k >= a; k--) {
                        sum = logAddExp(logSegment[k], sum);
                    }
                    out[i] = sum;
                }
            }
        }
        return out;
    }

    /** ln(e^u + e^v) without overflow; −∞ when both are −∞. */
    static double logAddExp(double u, double v) {
        double max = Math.max(u, v);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }
}
