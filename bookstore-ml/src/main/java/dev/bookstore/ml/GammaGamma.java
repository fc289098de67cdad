package dev.bookstore.ml;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * The fitted gamma-gamma model of spend per purchase (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using iso-value
 * curves for customer base analysis"; Fader &amp; Hardie 2013, "The gamma-gamma model of monetary value"): each
 * purchase's value is gamma(p, ν) with ν ~ gamma(q, v) across customers. Fitted on customers with at least one
 * repeat purchase. The model assumes spend is independent of purchase frequency; {@link
 * #frequencyMonetaryCorrelation()} is the check (near 0 is good). Immutable and thread-safe.
 *
 * <pre>{@code
 * GammaGamma gg = Clv.fit(summary).gammaGamma();
 * double spend = gg.expectedAverageSpend(3, 42.10);
 * }</pre>
 *
 * @param p gamma shape of a purchase's value
 * @param q gamma shape of the customers' scale
 * @param v gamma rate of the customers' scale (the paper's γ)
 * @param frequencyMonetaryCorrelation Pearson correlation of frequency and mean spend over the fitted customers
 * @param fit how it was fitted
 */
public record GammaGamma(double p, double q, double v, double frequencyMonetaryCorrelation, ModelFit fit) {
    static final String[] NAMES = {"p", "q", "v"};

    public GammaGamma {
        Objects.requireNonNull(fit, "fit");
    }

    /**
     * @param frequency repeat purchases (0 gives the population mean)
     * @param monetary mean value of the repeat purchases
     * @return expected value of the customer's future purchases
     */
    public double expectedAverageSpend(int frequency, double monetary) {
        if (frequency == 0) {
            return populationMean();
        }
        return p * (v + frequency * monetary) / (p * frequency + q - 1);
    }

    /** @return the mean spend per purchase over all customers, p·v/(q − 1) */
    public double populationMean() {
        return p * v / (q - 1);
    }

    static GammaGamma fit(List<RfmSummary.Customer> customers) {
        List<RfmSummary.Customer> repeat = customers.stream().filter(c -> c.frequency() > 0 && c.monetary() > 0)
                .toList();
        if (repeat.size() < 2) {
            throw new IllegalArgumentException("the gamma-gamma model needs at least 2 customers with repeat "
                    + "purchases of positive value; got " + repeat.size());
        }
        int n = repeat.size();
        int[] x = new int[n];
        double[] m = new double[n];
        double[] xd = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = repeat.get(i).frequency();
            xd[i] = x[i];
            m[i] = repeat.get(i).monetary();
        }
        // customers sorted by frequency: the gamma-function terms and Σ (p x − 1) ln m + p x ln x are computed once
        // per frequency; only ln(v + x m) is per customer
        double[] xm = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> x[i]));
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            xm[i] = x[order[i]] * m[order[i]];
            if (i == 0 || x[order[i]] != x[order[i - 1]]) {
                distinct++;
            }
        }
        int groups = distinct;
        int[] frequency = new int[groups];
        int[] start = new int[groups + 1];
        double[] sumLnM = new double[groups];
        int g = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || x[order[i]] != x[order[i - 1]]) {
                frequency[++g] = x[order[i]];
                start[g] = i;
            }
            sumLnM[g] += Math.log(m[order[i]]);
        }
        start[groups] = n;
        MaximumLikelihood.Result r = MaximumLikelihood.fit(theta -> {
            double p = theta[0];
            double q = theta[1];
            double v = theta[2];
            double base = -logGamma(q) + q * Math.log(v);
            double sum = 0;
            for (int k = 0; k < groups; k++) {
                double px = p * frequency[k];
                int count = start[k + 1] - start[k];
                double spend = 0;
                for (int i = start[k]; i < start[k + 1]; i++) {
                    spend += Math.log(v + xm[i]);
                }
                sum += count * (logGamma(px + q) - logGamma(px) + base + px * Math.log(frequency[k]))
                        + (px - 1) * sumLnM[k] - (px + q) * spend;
            }
            return sum;
        }, NAMES, new double[] {1, 1, 1}, n);
        double correlation = n > 2 && !constant(xd) && !constant(m) ? new PearsonsCorrelation().correlation(xd, m) : 0;
        return new GammaGamma(r.values()[0], r.values()[1], r.values()[2], correlation, r.fit());
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }
}
