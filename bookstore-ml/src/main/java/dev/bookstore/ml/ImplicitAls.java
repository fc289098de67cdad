package dev.bookstore.ml;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Implicit-feedback matrix factorisation (Hu, Koren and Volinsky 2008): preference 1 for every observed
 * (customer, product), confidence {@code 1 + alpha × orders}, L2 regularisation {@code lambda}; each half-step
 * solves every row's regularised weighted least squares with a few conjugate-gradient steps warm-started from the
 * previous factors (Takács, Pilászy and Tikk 2011), using the shared Gram matrix {@code YᵀY} so a row costs
 * O(nnz·f + f²) per step. Plain float arrays, row-major ({@code f} values per row).
 *
 * <p>Written here because no well-kept JVM library fits: Smile 2.6 (LGPL, the version we may use) has no matrix
 * factorisation recommender; Spark MLlib's ALS needs Spark; Mahout's Taste factorizers are unmaintained since
 * 2017 and bring Hadoop.
 */
final class ImplicitAls {
    static final int CG_STEPS = 3;

    private ImplicitAls() {
    }

    /** Factors of users and items. */
    record Factors(int f, float[] users, float[] items) {
    }

    static Factors fit(Sparse userItems, int f, int iterations, double alpha, double lambda, long seed) {
        Sparse itemUsers = userItems.transpose();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[userItems.rows * f];
        float[] y = new float[userItems.columns * f];
        double scale = 0.1 / Math.sqrt(f);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (rng.nextDouble() * scale);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * scale);
        }
        for (int it = 0; it < iterations; it++) {
            solve(userItems, x, y, f, alpha, lambda);
            solve(itemUsers, y, x, f, alpha, lambda);
        }
        return new Factors(f, x, y);
    }

    /** Updates every row of {@code x} with {@code y} fixed. */
    private static void solve(Sparse m, float[] x, float[] y, int f, double alpha, double lambda) {
        double[] gram = gram(y, f, lambda);
        ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[4][f]);
        IntStream.range(0, m.rows).parallel().forEach(u -> {
            if (m.length(u) > 0) {
                double[][] s = scratch.get();
                conjugateGradient(m, u, x, y, f, alpha, gram, s[0], s[1], s[2], s[3]);
            }
        });
    }

    /** YᵀY + λI, f × f row-major. */
    static double[] gram(float[] y, int f, double lambda) {
        int n = y.length / f;
        double[] g = new double[f * f];
        for (int i = 0; i < n; i++) {
            int o = i * f;
            for (int a = 0; a < f; a++) {
                double ya = y[o + a];
                for (int b = a; b < f; b++) {
                    g[a * f + b] += ya * y[o + b];
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < a; b++) {
                g[a * f + b] = g[b * f + a];
            }
            g[a * f + a] += lambda;
        }
        return g;
    }

    /** A few CG steps on row {@code u}: (YᵀY + λI + Yᵀ(Cᵤ − I)Y) xᵤ = YᵀCᵤ pᵤ, from the current xᵤ. */
    private static void conjugateGradient(Sparse m, int u, float[] x, float[] y, int f, double alpha, double[] gram,
                                          double[] xu, double[] r, double[] p, double[] ap) {
        int xo = u * f;
        for (int a = 0; a < f; a++) {
            xu[a] = x[xo + a];
        }
        // r = b − A x
        multiply(m, u, y, f, alpha, gram, xu, r);
        for (int a = 0; a < f; a++) {
            r[a] = -r[a];
        }
        for (int e = m.start[u]; e < m.start[u + 1]; e++) {
            double c = 1 + alpha * m.value[e];
            int yo = m.column[e] * f;
            for (int a = 0; a < f; a++) {
                r[a] += c * y[yo + a];
            }
        }
        System.arraycopy(r, 0, p, 0, f);
        double rs = dot(r, r, f);
        for (int step = 0; step < CG_STEPS && rs > 1e-20; step++) {
            multiply(m, u, y, f, alpha, gram, p, ap);
            double pap = dot(p, ap, f);
            if (pap <= 0) {
                break;
            }
            double a = rs / pap;
            for (int k = 0; k < f; k++) {
                xu[k] += a * p[k];
                r[k] -= a * ap[k];
            }
            double next = dot(r, r, f);
            double beta = next / rs;
            for (int k = 0; k < f; k++) {
                p[k] = r[k] + beta * p[k];
            }
            rs = next;
        }
        for (int a = 0; a < f; a++) {
            x[xo + a] = (float) xu[a];
        }
    }

    /** out = (YᵀY + λI) v + Σ (c − 1)(yᵢ · v) yᵢ over the row's entries. */
    private static void multiply(Sparse m, int u, float[] y, int f, double alpha, double[] gram, double[] v,
                                 double[] out) {
        for (int a = 0; a < f; a++) {
            double s = 0;
            int go = a * f;
            for (int b = 0; b < f; b++) {
                s += gram[go + b] * v[b];
            }
            out[a] = s;
        }
        for (int e = m.start[u]; e < m.start[u + 1]; e++) {
            double c1 = alpha * m.value[e];
            int yo = m.column[e] * f;
            double yv = 0;
            for (int a = 0; a < f; a++) {
                yv += y[yo + a] * v[a];
            }
            double w = c1 * yv;
            for (int a = 0; a < f; a++) {
                out[a] += w * y[yo + a];
            }
        }
    }

    /** A new row's factors from its history with item factors fixed ({@code gram} = YᵀY + λI): fold-in. */
    static float[] foldIn(Sparse.Row history, float[] y, int f, double alpha, double[] gram) {
        Sparse one = new Sparse(1, y.length / f, new int[] {0, history.items().length}, history.items(),
                history.counts());
        float[] x = new float[f];
        for (int i = 0; i < 4; i++) {
            conjugateGradient(one, 0, x, y, f, alpha, gram, new double[f], new double[f], new double[f],
                    new double[f]);
        }
        return x;
    }

    private static double dot(double[] a, double[] b, int f) {
        double s = 0;
        for (int k = 0; k < f; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
