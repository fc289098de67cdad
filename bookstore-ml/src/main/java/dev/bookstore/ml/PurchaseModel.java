package dev.bookstore.ml;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.Objects;

/**
 * A fitted model of repeat purchases and drop-out ("buy till you die"): BG/NBD, Pareto/NBD or the modified
 * BG/NBD. Time is in weeks; {@code alpha} (and {@code beta}) are per week. Immutable and thread-safe.
 *
 * <p>For a customer with {@code frequency} repeat purchases, the last at {@code recency} weeks after the first,
 * observed for {@code age} weeks (T), a model gives the probability that the customer is still alive and the
 * expected number of purchases in the next t weeks; {@link #expectedPurchases(double)} is the expectation for a new
 * customer in the first t weeks.
 *
 * <pre>{@code
 * PurchaseModel m = Clv.fit(summary).bgNbd();
 * double p = m.probabilityAlive(2, 30.43, 38.86);
 * double next = m.expectedPurchases(39, 2, 30.43, 38.86);   // 1.226 with the CDNOW parameters
 * }</pre>
 */
public sealed interface PurchaseModel permits PurchaseModel.BgNbd, PurchaseModel.ParetoNbd,
        PurchaseModel.ModifiedBgNbd {

    /** @return the key under which this model is reported ({@code bgnbd}, {@code paretonbd}, {@code mbgnbd}) */
    String key();

    /** @return estimates, standard errors and log-likelihood */
    ModelFit fit();

    /**
     * @param t weeks
     * @return expected repeat purchases of a new customer in its first t weeks
     */
    double expectedPurchases(double t);

    /**
     * @param t weeks after the end of the observation
     * @param frequency repeat purchases observed
     * @param recency weeks from the first to the last purchase
     * @param age weeks observed (T)
     * @return expected purchases in the t weeks after the observation
     */
    double expectedPurchases(double t, int frequency, double recency, double age);

    /**
     * @param frequency repeat purchases observed
     * @param recency weeks from the first to the last purchase
     * @param age weeks observed (T)
     * @return the probability that the customer is still active at the end of the observation
     */
    double probabilityAlive(int frequency, double recency, double age);

    /**
     * @param frequency repeat purchases observed
     * @param recency weeks from the first to the last purchase
     * @param age weeks observed (T)
     * @return the log-likelihood of one customer's history under this model
     */
    double logLikelihood(int frequency, double recency, double age);

    /**
     * BG/NBD (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): purchases are Poisson with a
     * gamma(r, alpha) rate; after each purchase a customer drops out with a beta(a, b) probability.
     *
     * @param r gamma shape of the purchase rate
     * @param alpha gamma rate parameter (weeks)
     * @param a beta parameter of the drop-out probability
     * @param b beta parameter of the drop-out probability
     * @param fit how it was fitted
     */
    record BgNbd(double r, double alpha, double a, double b, ModelFit fit) implements PurchaseModel {
        static final String[] NAMES = {"r", "alpha", "a", "b"};

        public BgNbd {
            Objects.requireNonNull(fit, "fit");
        }

        @Override
        public String key() {
            return "bgnbd";
        }

        static BgNbd fit(RfmData d) {
            MaximumLikelihood.Result m = MaximumLikelihood.fit(t -> logLikelihood(t, d), NAMES,
                    new double[] {1, 1, 1, 1}, d.customers);
            double[] v = m.values();
            return new BgNbd(v[0], v[1], v[2], v[3], m.fit());
        }

        static double logLikelihood(double[] theta, RfmData d) {
            double r = theta[0];
            double alpha = theta[1];
            double a = theta[2];
            double b = theta[3];
            int k = d.frequencies.length;
            double[] common = new double[k];
            double[] dropout = new double[k];
            double lgr = logGamma(r);
            double lgb = logGamma(b);
            double lgab = logGamma(a + b);
            double lnAlpha = Math.log(alpha);
            double lnA = Math.log(a);
            for (int j = 0; j < k; j++) {
                int x = d.frequencies[j];
                common[j] = logGamma(r + x) - lgr + r * lnAlpha + lgab + logGamma(b + x) - lgb - logGamma(a + b + x);
                dropout[j] = x > 0 ? lnA - Math.log(b + x - 1) : Double.NaN;
            }
            double[] lnShifted = d.logShifted(alpha);
            double sum = 0;
            for (int i = 0; i < d.x.length; i++) {
                int x = d.x[i];
                int j = d.xIndex[i];
                double a3 = -(r + x) * lnShifted[d.agePoint[i]];
                double ll = x == 0 ? a3 : logAddExp(a3, dropout[j] - (r + x) * lnShifted[d.txPoint[i]]);
                sum += d.weight[i] * (common[j] + ll);
            }
            return sum;
        }

        @Override
        public double logLikelihood(int frequency, double recency, double age) {
            return logLikelihood(new double[] {r, alpha, a, b}, RfmData.of(java.util.List.of(
                    new RfmSummary.Customer("-", frequency, recency, age, 0, 0, 0))));
        }

        @Override
        public double expectedPurchases(double t) {
            double z = t / (alpha + t);
            return (a + b - 1) / (a - 1)
                    * (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric.f21(r, b, a + b - 1, z));
        }

        @Override
        public double expectedPurchases(double t, int x, double tx, double age) {
            double z = t / (alpha + age + t);
            double numerator = (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + age) / (alpha + age + t), r + x)
                    * Hypergeometric.f21(r + x, b + x, a + b + x - 1, z));
            return numerator / denominator(x, tx, age);
        }

        @Override
        public double probabilityAlive(int x, double tx, double age) {
            return 1 / denominator(x, tx, age);
        }

        private double denominator(int x, double tx, double age) {
            return x == 0 ? 1 : 1 + a / (b + x - 1) * Math.pow((alpha + age) / (alpha + tx), r + x);
        }
    }

    /**
     * Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987): purchases are Poisson with a gamma(r, alpha) rate while
     * alive; lifetimes are exponential with a gamma(s, beta) rate. Likelihood as in Fader &amp; Hardie (2005), "A
     * note on deriving the Pareto/NBD model and related expressions".
     *
     * @param r gamma shape of the purchase rate
     * @param alpha gamma rate parameter of the purchase rate (weeks)
     * @param s gamma shape of the drop-out rate
     * @param beta gamma rate parameter of the drop-out rate (weeks)
     * @param fit how it was fitted
     */
    record ParetoNbd(double r, double alpha, double s, double beta, ModelFit fit) implements PurchaseModel {
        static final String[] NAMES = {"r", "alpha", "s", "beta"};

        public ParetoNbd {
            Objects.requireNonNull(fit, "fit");
        }

        @Override
        public String key() {
            return "paretonbd";
        }

        static ParetoNbd fit(RfmData d) {
            MaximumLikelihood.Result m = MaximumLikelihood.fit(t -> logLikelihood(t, d), NAMES,
                    new double[] {1, 1, 1, 1}, d.customers);
            double[] v = m.values();
            return new ParetoNbd(v[0], v[1], v[2], v[3], m.fit());
        }

        static double logLikelihood(double[] theta, RfmData d) {
            double r = theta[0];
            double alpha = theta[1];
            double s = theta[2];
            double beta = theta[3];
            int k = d.frequencies.length;
            double[] common = new double[k];
            double lgr = logGamma(r);
            double base = r * Math.log(alpha) + s * Math.log(beta);
            for (int j = 0; j < k; j++) {
                common[j] = logGamma(r + d.frequencies[j]) - lgr + base;
            }
            double lnS = Math.log(s);
            double[] lnAlpha = d.logShifted(alpha);
            double[] lnBeta = d.logShifted(beta);
            // log ∫ over (t_x, T] of (alpha + τ)^−(r+x) (beta + τ)^−(s+1) dτ = log A0 − log(r + s + x), shared
            // per frequency where many patterns have it; the others pattern by pattern
            double[] integrals = LogIntegral.paretoDropouts(r, alpha, s, beta, d);
            double sum = 0;
            for (int i = 0; i < d.x.length; i++) {
                int x = d.x[i];
                int T = d.agePoint[i];
                double first = -(r + x) * lnAlpha[T] - s * lnBeta[T];
                double integral = Double.isNaN(integrals[i])
                        ? logA0(r, alpha, s, beta, x, d.tx[i], d.age[i]) - Math.log(r + s + x) : integrals[i];
                sum += d.weight[i] * (common[d.xIndex[i]] + logAddExp(first, lnS + integral));
            }
            return sum;
        }

        /**
         * log A0 of Fader &amp; Hardie's note. With the hypergeometric argument at most 1/2 by its series (in the
         * form that keeps the argument in [0, 1)); otherwise (very different alpha and beta, where the series
         * converges slowly) from A0 = (r + s + x) ∫ over (t_x, T] of (alpha + τ)^−(r+x) (beta + τ)^−(s+1) dτ by
         * Gauss–Legendre quadrature.
         */
        static double logA0(double r, double alpha, double s, double beta, int x, double tx, double T) {
            double min = Math.min(alpha, beta);
            double max = Math.max(alpha, beta);
            double rsf = r + s + x;
            if ((max - min) / (max + tx) > 0.5) {
                return Math.log(rsf) + LogIntegral.paretoDropout(r + x, alpha, s + 1, beta, tx, T);
            }
            double t = alpha < beta ? r + x : s + 1;
            double q1 = max + tx;
            double q2 = max + T;
            double p1 = Hypergeometric.f21(rsf, t, rsf + 1, (max - min) / q1);
            double p2 = Hypergeometric.f21(rsf, t, rsf + 1, (max - min) / q2);
            double l1 = Math.log(p1) - rsf * Math.log(q1);
            double l2 = Math.log(p2) - rsf * Math.log(q2);
            return l1 + Math.log1p(-Math.exp(l2 - l1));
        }

        @Override
        public double logLikelihood(int x, double tx, double age) {
            return logLikelihood(new double[] {r, alpha, s, beta}, RfmData.of(java.util.List.of(
                    new RfmSummary.Customer("-", x, tx, age, 0, 0, 0))));
        }

        @Override
        public double expectedPurchases(double t) {
            return r * beta / (alpha * (s - 1)) * (1 - Math.pow(beta / (beta + t), s - 1));
        }

        @Override
        public double expectedPurchases(double t, int x, double tx, double age) {
            return probabilityAlive(x, tx, age) * (r + x) * (beta + age) / (alpha + age)
                    * (1 - Math.pow((beta + age) / (beta + age + t), s - 1)) / (s - 1);
        }

        @Override
        public double probabilityAlive(int x, double tx, double age) {
            double logRatio = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + age) + s * Math.log(beta + age)
                    + logA0(r, alpha, s, beta, x, tx, age);
            return 1 / (1 + Math.exp(logRatio));
        }
    }

    /**
     * The modified BG/NBD (Batislam, Denizel &amp; Filiztekin 2007; Wagner &amp; Hoppe 2008): as BG/NBD, but a
     * customer may also drop out right after the first purchase, so a customer without repeat purchases is not
     * certainly alive.
     *
     * @param r gamma shape of the purchase rate
     * @param alpha gamma rate parameter (weeks)
     * @param a beta parameter of the drop-out probability
     * @param b beta parameter of the drop-out probability
     * @param fit how it was fitted
     */
    record ModifiedBgNbd(double r, double alpha, double a, double b, ModelFit fit) implements PurchaseModel {
        public ModifiedBgNbd {
            Objects.requireNonNull(fit, "fit");
        }

        @Override
        public String key() {
            return "mbgnbd";
        }

        static ModifiedBgNbd fit(RfmData d) {
            MaximumLikelihood.Result m = MaximumLikelihood.fit(t -> logLikelihood(t, d), BgNbd.NAMES,
                    new double[] {1, 1, 1, 1}, d.customers);
            double[] v = m.values();
            return new ModifiedBgNbd(v[0], v[1], v[2], v[3], m.fit());
        }

        static double logLikelihood(double[] theta, RfmData d) {
            double r = theta[0];
            double alpha = theta[1];
            double a = theta[2];
            double b = theta[3];
            int k = d.frequencies.length;
            double[] common = new double[k];
            double[] dropout = new double[k];
            double lgr = logGamma(r);
            double lgb = logGamma(b);
            double lgab = logGamma(a + b);
            double lnAlpha = Math.log(alpha);
            double lnA = Math.log(a);
            for (int j = 0; j < k; j++) {
                int x = d.frequencies[j];
                common[j] = logGamma(r + x) - lgr + r * lnAlpha + lgab + logGamma(b + x + 1) - lgb
                        - logGamma(a + b + x + 1);
                dropout[j] = lnA - Math.log(b + x);
            }
            double[] lnShifted = d.logShifted(alpha);
            double sum = 0;
            for (int i = 0; i < d.x.length; i++) {
                int x = d.x[i];
                int j = d.xIndex[i];
                double lnT = lnShifted[d.agePoint[i]];
                double a4 = dropout[j] + (r + x) * (lnT - lnShifted[d.txPoint[i]]);
                sum += d.weight[i] * (common[j] - (r + x) * lnT + logAddExp(a4, 0));
            }
            return sum;
        }

        @Override
        public double logLikelihood(int x, double tx, double age) {
            return logLikelihood(new double[] {r, alpha, a, b}, RfmData.of(java.util.List.of(
                    new RfmSummary.Customer("-", x, tx, age, 0, 0, 0))));
        }

        @Override
        public double expectedPurchases(double t) {
            return b / (a - 1) * (1 - Hypergeometric.f21(r, b + 1, a + b, t / (alpha + t))
                    * Math.pow(alpha / (alpha + t), r));
        }

        @Override
        public double expectedPurchases(double t, int x, double tx, double age) {
            double hyp = Hypergeometric.f21(r + x, b + x + 1, a + b + x, t / (alpha + age + t));
            double numerator = (a + b + x) / (a - 1) * (1 - hyp * Math.pow((alpha + age) / (alpha + t + age), r + x));
            return numerator * probabilityAlive(x, tx, age);
        }

        @Override
        public double probabilityAlive(int x, double tx, double age) {
            return 1 / (1 + a / (b + x) * Math.pow((alpha + age) / (alpha + tx), r + x));
        }
    }

    private static double logAddExp(double u, double v) {
        return LogIntegral.logAddExp(u, v);
    }
}
