package dev.bookstore.ml;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the CLV models predicted a holdout period they did not see, against the regression baselines: expected vs
 * actual repeat purchases per calibration-frequency bucket and in total, and how well each method predicts and
 * ranks the holdout spend. Immutable.
 *
 * <pre>{@code
 * ClvHoldout h = clv.holdout(evaluation, baselineTraining);
 * System.out.println(h.report());
 * }</pre>
 *
 * @param holdoutWeeks length of the holdout period
 * @param buckets per calibration frequency (0 … 6, then "7+"): customers, actual and expected purchases
 * @param total the same over all customers
 * @param scores per method: the three purchase models with gamma-gamma spend, then the linear and the tree
 *     regressions of holdout spend on the calibration RFM (trained one period earlier)
 */
public record ClvHoldout(double holdoutWeeks, List<Bucket> buckets, Bucket total, List<Score> scores) {
    /**
     * Purchases in the holdout of customers with a given calibration frequency.
     *
     * @param frequency the bucket ("0", …, "6", "7+", or "all")
     * @param customers customers in it
     * @param actual mean holdout purchases per customer
     * @param expected mean expected purchases per customer, by model key (bgnbd, paretonbd, mbgnbd)
     */
    public record Bucket(String frequency, int customers, double actual, Map<String, Double> expected) {
        public Bucket {
            expected = Map.copyOf(expected);
        }
    }

    /**
     * How one method predicted each customer's holdout spend.
     *
     * @param method bgnbd, paretonbd, mbgnbd (each with gamma-gamma spend), linear or tree
     * @param mae mean absolute error
     * @param rmse root mean squared error
     * @param spearman rank correlation of predicted and actual spend
     * @param topDecileShare share of the holdout revenue bought by the 10 % of customers predicted highest
     */
    public record Score(String method, double mae, double rmse, double spearman, double topDecileShare) {
    }

    public ClvHoldout {
        buckets = List.copyOf(buckets);
        scores = List.copyOf(scores);
    }

    /** @return the two tables as plain text */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Holdout of %.1f weeks: mean repeat purchases per customer%n",
                holdoutWeeks));
        b.append(String.format(Locale.ROOT, "%-9s %9s %9s %9s %9s %9s%n", "frequency", "customers", "actual",
                "bgnbd", "paretonbd", "mbgnbd"));
        for (Bucket k : buckets) {
            row(b, k);
        }
        row(b, total);
        b.append(String.format(Locale.ROOT, "%nHoldout spend per customer%n%-10s %10s %10s %9s %12s%n", "method",
                "MAE", "RMSE", "Spearman", "top-decile"));
        for (Score s : scores) {
            b.append(String.format(Locale.ROOT, "%-10s %10.2f %10.2f %9.3f %11.1f%%%n", s.method(), s.mae(),
                    s.rmse(), s.spearman(), 100 * s.topDecileShare()));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, Bucket k) {
        b.append(String.format(Locale.ROOT, "%-9s %9d %9.3f %9.3f %9.3f %9.3f%n", k.frequency(), k.customers(),
                k.actual(), k.expected().get("bgnbd"), k.expected().get("paretonbd"), k.expected().get("mbgnbd")));
    }
}
