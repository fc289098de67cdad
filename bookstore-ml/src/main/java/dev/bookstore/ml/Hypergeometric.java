package dev.bookstore.ml;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for the CLV models, by its power series (0 ≤ z < 1, positive
 * a, b, c as they occur in BG/NBD, MBG/NBD and Pareto/NBD). Terms are summed until they no longer change the sum
 * in the 15th digit.
 */
final class Hypergeometric {
    /** Enough for z up to about 0.999 with the parameters of fitted models. */
    private static final int MAX_TERMS = 200_000;

    private Hypergeometric() {
    }

    static double f21(double a, double b, double c, double z) {
        if (z == 0) {
            return 1;
        }
        if (!(z < 1) || z < -1) {
            throw new IllegalArgumentException("2F1 argument z must lie in [-1, 1), got " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-16 * Math.abs(sum)) {
                break;
            }
        }
        return sum;
    }
}
