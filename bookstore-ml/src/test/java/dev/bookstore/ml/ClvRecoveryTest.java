package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Each CLV model fitted to customers drawn from its own generative process recovers the parameters it was drawn
 * with: every estimate lies within three of its standard errors of the truth, and the standard errors are small
 * enough (under 35 % of the value) for that to mean something.
 */
class ClvRecoveryTest {
    private static final int CUSTOMERS = 6_000;

    /** Purchase times of one simulated customer: first purchase at 0, observed for {@code age} weeks. */
    private static RfmSummary.Customer customer(int id, List<Double> repeatTimes, double age, double monetary) {
        int x = repeatTimes.size();
        return new RfmSummary.Customer("c" + id, x, x == 0 ? 0 : repeatTimes.get(x - 1), age, monetary, 0, 0);
    }

    private static double age(RandomGenerator rng) {
        return 20 + 40 * rng.nextDouble();
    }

    private static double exponential(RandomGenerator rng, double rate) {
        return -Math.log(1 - rng.nextDouble()) / rate;
    }

    /** BG/NBD (modified = false) or MBG/NBD (modified = true: may also drop out right at the first purchase). */
    static RfmSummary bgNbd(double r, double alpha, double a, double b, boolean modified, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution lambdas = new GammaDistribution(rng, r, 1 / alpha);
        BetaDistribution ps = new BetaDistribution(rng, a, b);
        List<RfmSummary.Customer> out = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            double lambda = lambdas.sample();
            double p = ps.sample();
            double age = age(rng);
            List<Double> times = new ArrayList<>();
            boolean alive = !modified || rng.nextDouble() >= p;
            double t = 0;
            while (alive) {
                t += exponential(rng, lambda);
                if (t > age) {
                    break;
                }
                times.add(t);
                alive = rng.nextDouble() >= p;
            }
            out.add(customer(i, times, age, 0));
        }
        return RfmSummary.of(out);
    }

    static RfmSummary paretoNbd(double r, double alpha, double s, double beta, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution lambdas = new GammaDistribution(rng, r, 1 / alpha);
        GammaDistribution mus = new GammaDistribution(rng, s, 1 / beta);
        List<RfmSummary.Customer> out = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            double lambda = lambdas.sample();
            double lifetime = exponential(rng, mus.sample());
            double age = age(rng);
            double end = Math.min(lifetime, age);
            List<Double> times = new ArrayList<>();
            for (double t = exponential(rng, lambda); t <= end; t += exponential(rng, lambda)) {
                times.add(t);
            }
            out.add(customer(i, times, age, 0));
        }
        return RfmSummary.of(out);
    }

    /** Gamma-gamma spend on BG/NBD-simulated frequencies: value ~ gamma(p, ν) with ν ~ gamma(q, v). */
    static RfmSummary gammaGamma(double p, double q, double v, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution nus = new GammaDistribution(rng, q, 1 / v);
        List<RfmSummary.Customer> out = new ArrayList<>();
        for (RfmSummary.Customer c : bgNbd(0.8, 4, 0.5, 3, false, seed + 1).customers()) {
            double nu = nus.sample();
            GammaDistribution values = new GammaDistribution(rng, p, 1 / nu);
            double sum = 0;
            for (int k = 0; k < c.frequency(); k++) {
                sum += values.sample();
            }
            out.add(new RfmSummary.Customer(c.customerId(), c.frequency(), c.recency(), c.age(),
                    c.frequency() == 0 ? 0 : sum / c.frequency(), 0, 0));
        }
        return RfmSummary.of(out);
    }

    @Test
    void bgNbdRecoversItsParameters() {
        double[] truth = {0.5, 5.0, 0.8, 2.5};
        var m = PurchaseModel.BgNbd.fit(RfmData.of(bgNbd(truth[0], truth[1], truth[2], truth[3], false, 42)
                .customers()));
        recovered(truth, m.fit());
    }

    @Test
    void modifiedBgNbdRecoversItsParameters() {
        double[] truth = {0.5, 5.0, 0.8, 2.5};
        var m = PurchaseModel.ModifiedBgNbd.fit(RfmData.of(bgNbd(truth[0], truth[1], truth[2], truth[3], true, 43)
                .customers()));
        recovered(truth, m.fit());
    }

    @Test
    void paretoNbdRecoversItsParameters() {
        double[] truth = {0.6, 8.0, 0.8, 12.0};
        var m = PurchaseModel.ParetoNbd.fit(RfmData.of(paretoNbd(truth[0], truth[1], truth[2], truth[3], 44)
                .customers()));
        recovered(truth, m.fit());
    }

    @Test
    void gammaGammaRecoversItsParameters() {
        double[] truth = {6.0, 4.0, 15.0};
        GammaGamma gg = GammaGamma.fit(gammaGamma(truth[0], truth[1], truth[2], 45).customers());
        recovered(truth, gg.fit());
        assertTrue(Math.abs(gg.frequencyMonetaryCorrelation()) < 0.1, "independent by construction: "
                + gg.frequencyMonetaryCorrelation());
    }

    private static void recovered(double[] truth, ModelFit fit) {
        for (int i = 0; i < truth.length; i++) {
            ModelFit.Estimate e = fit.estimates().get(i);
            assertTrue(e.standardError() > 0 && e.standardError() < 0.35 * e.value(), "standard error of " + e);
            assertTrue(Math.abs(e.value() - truth[i]) < 3 * e.standardError(),
                    e.name() + ": truth " + truth[i] + ", fitted " + e + " in " + fit);
        }
    }
}
