package dev.bookstore.ml;

import static org.apache.commons.math3.special.Beta.logBeta;
import static org.apache.commons.math3.special.Gamma.logGamma;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The likelihoods the CLV fits maximise — evaluated once per distinct (x, t_x, T) pattern with its count, with
 * Pareto/NBD's integral shared per frequency over the distinct time points, gamma-gamma's gamma terms once per
 * frequency — equal the plain sum over customers of each paper's per-customer likelihood, written out here
 * independently; and a fit of the plain sum ends where the fit of the grouped one does. Data: customers drawn from
 * BG/NBD and Pareto/NBD with purchase days rounded to whole days (so that many share a pattern, as with real data),
 * and the CDNOW sample (times in weeks with two decimals, so that most patterns are unique).
 */
class ClvPatternLikelihoodTest {
    private static final double[][] PARAMETERS = {{0.5, 5, 0.8, 2.5}, {1.04, 12.2, 1.86, 66}, {0.24, 4.4, 0.79, 2.4},
        {2, 30, 0.6, 8}};

    /** The customers with recency and T rounded up to whole days (weeks of 7 days). */
    private static List<RfmSummary.Customer> daily(RfmSummary s) {
        return s.customers().stream().map(c -> new RfmSummary.Customer(c.customerId(), c.frequency(),
                c.frequency() == 0 ? 0 : Math.ceil(c.recency() * 7) / 7, Math.ceil(c.age() * 7) / 7, c.monetary(), 0,
                0)).toList();
    }

    private static List<List<RfmSummary.Customer>> samples() throws IOException {
        return List.of(daily(ClvRecoveryTest.bgNbd(0.5, 5, 0.8, 2.5, false, 7)),
                daily(ClvRecoveryTest.paretoNbd(0.6, 8, 0.8, 12, 8)), ClvPublishedTest.cdnow().customers());
    }

    /**
     * One customer under BG/NBD (Fader, Hardie &amp; Lee 2005, eq. (6)) or, {@code modified}, MBG/NBD (Batislam,
     * Denizel &amp; Filiztekin 2007: the drop-out chance also at the first purchase).
     */
    private static double bgNbd(double[] p, RfmSummary.Customer c, boolean modified) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        int x = c.frequency();
        double head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
        if (modified) {
            double tx = x == 0 ? 0 : c.recency();
            return head + logBeta(a, b + x + 1) - logBeta(a, b) + Math.log(Math.pow(alpha + c.age(), -(r + x))
                    + a / (b + x) * Math.pow(alpha + tx, -(r + x)));
        }
        double alive = logBeta(a, b + x) - logBeta(a, b) - (r + x) * Math.log(alpha + c.age());
        if (x == 0) {
            return head + alive;
        }
        double dead = logBeta(a + 1, b + x - 1) - logBeta(a, b) - (r + x) * Math.log(alpha + c.recency());
        return head + Math.log(Math.exp(alive) + Math.exp(dead));
    }

    private static double bgNbd(double[] p, RfmSummary.Customer c) {
        return bgNbd(p, c, false);
    }

    private static double modifiedBgNbd(double[] p, RfmSummary.Customer c) {
        return bgNbd(p, c, true);
    }

    /** Fader &amp; Hardie (2005), "A note on deriving the Pareto/NBD model", eq. (11), with A0 by its series. */
    private static double paretoNbd(double[] p, RfmSummary.Customer c) {
        double r = p[0];
        double alpha = p[1];
        double s = p[2];
        double beta = p[3];
        int x = c.frequency();
        double tx = x == 0 ? 0 : c.recency();
        double head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        double alive = -(r + x) * Math.log(alpha + c.age()) - s * Math.log(beta + c.age());
        double dead = Math.log(s / (r + s + x)) + LogIntegralTest.seriesLogA0(r, alpha, s, beta, x, tx, c.age());
        return head + Math.max(alive, dead) + Math.log1p(Math.exp(Math.min(alive, dead) - Math.max(alive, dead)));
    }

    private static double sum(List<RfmSummary.Customer> customers, double[] p,
                              java.util.function.BiFunction<double[], RfmSummary.Customer, Double> one) {
        double sum = 0;
        for (RfmSummary.Customer c : customers) {
            sum += one.apply(p, c);
        }
        return sum;
    }

    @Test
    void groupedLikelihoodsEqualThePerCustomerSums() throws IOException {
        for (List<RfmSummary.Customer> customers : samples()) {
            RfmData d = RfmData.of(customers);
            for (double[] p : PARAMETERS) {
                String where = customers.size() + " customers, " + d.patterns() + " patterns, "
                        + java.util.Arrays.toString(p);
                double bg = sum(customers, p, ClvPatternLikelihoodTest::bgNbd);
                assertEquals(bg, PurchaseModel.BgNbd.logLikelihood(p, d), 1e-10 * Math.abs(bg), "BG/NBD " + where);
                double mbg = sum(customers, p, ClvPatternLikelihoodTest::modifiedBgNbd);
                assertEquals(mbg, PurchaseModel.ModifiedBgNbd.logLikelihood(p, d), 1e-10 * Math.abs(mbg),
                        "MBG/NBD " + where);
                double pareto = sum(customers, p, ClvPatternLikelihoodTest::paretoNbd);
                assertEquals(pareto, PurchaseModel.ParetoNbd.logLikelihood(p, d), 1e-10 * Math.abs(pareto),
                        "Pareto/NBD " + where);
            }
        }
    }

    @Test
    void dailyDataShareIntegralsAndPatterns() {
        List<RfmSummary.Customer> customers = daily(ClvRecoveryTest.paretoNbd(0.6, 8, 0.8, 12, 8));
        RfmData d = RfmData.of(customers);
        assertTrue(d.patterns() < customers.size() / 2, d.patterns() + " patterns");
        // ages of 20–60 weeks in whole days: at most 60 × 7 + 1 distinct time points
        assertTrue(d.points.length <= 421, d.points.length + " points");
        double[] shared = LogIntegral.paretoDropouts(0.6, 8, 0.8, 12, d);
        long direct = java.util.Arrays.stream(shared).filter(Double::isNaN).count();
        assertTrue(direct < d.patterns() / 5, direct + " of " + d.patterns() + " integrated one by one");
        // a steep integrand over a wide range (huge r, tiny alpha) would need too many shared panels: all one by one
        double[] extreme = {2000, 1e-6, 0.8, 12};
        assertTrue(java.util.Arrays.stream(LogIntegral.paretoDropouts(extreme[0], extreme[1], extreme[2], extreme[3], d))
                .allMatch(Double::isNaN));
    }

    @Test
    void fitsOfTheGroupedAndThePlainLikelihoodAgree() {
        List<RfmSummary.Customer> customers = daily(ClvRecoveryTest.paretoNbd(0.6, 8, 0.8, 12, 9));
        RfmData d = RfmData.of(customers);
        agree(PurchaseModel.BgNbd.fit(d).fit(), p -> sum(customers, p, ClvPatternLikelihoodTest::bgNbd),
                customers.size());
        agree(PurchaseModel.ModifiedBgNbd.fit(d).fit(),
                p -> sum(customers, p, ClvPatternLikelihoodTest::modifiedBgNbd), customers.size());
        agree(PurchaseModel.ParetoNbd.fit(d).fit(), p -> sum(customers, p, ClvPatternLikelihoodTest::paretoNbd),
                customers.size());
    }

    @Test
    void gammaGammaLikelihoodIsThePerCustomerSum() {
        List<RfmSummary.Customer> customers = ClvRecoveryTest.gammaGamma(6, 4, 15, 10).customers();
        List<RfmSummary.Customer> repeat = customers.stream().filter(c -> c.frequency() > 0).toList();
        // Fader & Hardie (2013), eq. (4) for the mean of x gamma(p, ν) values, ν ~ gamma(q, v)
        ToDoubleFunction<double[]> plain = t -> {
            double sum = 0;
            for (RfmSummary.Customer c : repeat) {
                double px = t[0] * c.frequency();
                double m = c.monetary();
                sum += logGamma(px + t[1]) - logGamma(px) - logGamma(t[1]) + t[1] * Math.log(t[2])
                        + (px - 1) * Math.log(m) + px * Math.log(c.frequency())
                        - (px + t[1]) * Math.log(t[2] + c.frequency() * m);
            }
            return sum;
        };
        GammaGamma gg = GammaGamma.fit(customers);
        double[] fitted = {gg.p(), gg.q(), gg.v()};
        assertEquals(plain.applyAsDouble(fitted), gg.fit().logLikelihood(), 1e-10 * Math.abs(gg.fit().logLikelihood()));
        agree(gg.fit(), plain, repeat.size());
    }

    /** The plain likelihood fitted from the same start reaches the same log-likelihood and parameters. */
    private static void agree(ModelFit grouped, ToDoubleFunction<double[]> plain, int customers) {
        String[] names = grouped.estimates().stream().map(ModelFit.Estimate::name).toArray(String[]::new);
        double[] start = new double[names.length];
        java.util.Arrays.fill(start, 1);
        ModelFit fit = MaximumLikelihood.fit(plain, names, start, customers).fit();
        assertEquals(fit.logLikelihood(), grouped.logLikelihood(), 1e-10 * Math.abs(fit.logLikelihood()),
                "log-likelihood " + grouped);
        for (int i = 0; i < names.length; i++) {
            ModelFit.Estimate g = grouped.estimates().get(i);
            ModelFit.Estimate u = fit.estimates().get(i);
            // the optimum is flat to the optimiser's tolerance: the same point to a thousandth of a standard error;
            // the standard errors (central differences of rounded sums) to 1 %
            assertEquals(u.value(), g.value(), 1e-3 * u.standardError(), names[i] + ": " + fit + " vs " + grouped);
            assertEquals(u.standardError(), g.standardError(), 1e-2 * u.standardError(), names[i] + " SE");
        }
    }
}
