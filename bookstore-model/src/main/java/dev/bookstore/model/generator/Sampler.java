package dev.bookstore.model.generator;

import java.util.SplittableRandom;

/**
 * Samples an index proportionally to fixed non-negative weights (cumulative array + binary search).
 */
final class Sampler {

    private final double[] cumulative;
    private final double total;

    Sampler(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0)) {
                throw new IllegalArgumentException("negative weight at " + i);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("all weights are zero");
        }
        total = sum;
    }

    int size() {
        return cumulative.length;
    }

    /** Probability of index {@code i}. */
    double probability(int i) {
        return (cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])) / total;
    }

    int sample(SplittableRandom rng) {
        double u = rng.nextDouble() * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Zipf weights 1/r^s for ranks 1..n (StrictMath, so identical on every platform). */
    static double[] zipfWeights(int n, double exponent) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / StrictMath.pow(i + 1, exponent);
        }
        return w;
    }

    /** Standard normal variate (Box-Muller with StrictMath for platform independence). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Exponential variate with the given mean. */
    static double exponential(SplittableRandom rng, double mean) {
        return -mean * StrictMath.log(1.0 - rng.nextDouble());
    }

    /** Approximately Poisson count with the given mean (normal approximation, never negative). */
    static int count(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        long n = StrictMath.round(mean + StrictMath.sqrt(mean) * gaussian(rng));
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, n));
    }

    static double round6(double v) {
        return StrictMath.rint(v * 1e6) / 1e6;
    }
}
