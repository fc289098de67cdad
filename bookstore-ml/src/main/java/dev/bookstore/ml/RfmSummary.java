package dev.bookstore.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recency–frequency–monetary summary the CLV models are fitted on: one row per customer whose first purchase
 * falls in the calibration period. Time is in weeks. Immutable.
 *
 * <p>Per customer: {@code frequency} is the number of repeat purchase days (purchases on one day count once, the
 * first purchase day is not counted), {@code recency} the weeks from the first to the last purchase day,
 * {@code age} (T in the papers) the weeks from the first purchase day to the calibration end (inclusive: a
 * purchase on the last calibration day is in the calibration period), {@code monetary} the mean value of the
 * repeat purchase days (0 without repeats). With a holdout, {@code holdoutPurchases} counts the purchase days
 * after the calibration end up to the holdout end and {@code holdoutSpend} is their total value.
 *
 * <pre>{@code
 * RfmSummary s = Clv.summary(wh, LocalDate.parse("2025-09-30"), LocalDate.parse("2025-12-31"));
 * RfmSummary mine = RfmSummary.of(List.of(new RfmSummary.Customer("c1", 2, 30.43, 38.86, 22.35, 0, 0)));
 * }</pre>
 *
 * @param calibrationEnd the last calibration day, when summarised from dated transactions
 * @param holdoutEnd the last holdout day, when there is a holdout
 * @param customers the rows, ordered by customer id when summarised by this SDK
 */
public record RfmSummary(Optional<LocalDate> calibrationEnd, Optional<LocalDate> holdoutEnd, List<Customer> customers) {
    /**
     * One customer's summary.
     *
     * @param customerId the customer
     * @param frequency repeat purchase days in the calibration period (≥ 0)
     * @param recency weeks from the first to the last purchase day (0 ≤ recency ≤ age)
     * @param age weeks from the first purchase day to the calibration end (T)
     * @param monetary mean value of the repeat purchase days; 0 when {@code frequency} is 0
     * @param holdoutPurchases purchase days in the holdout period
     * @param holdoutSpend value purchased in the holdout period
     */
    public record Customer(String customerId, int frequency, double recency, double age, double monetary,
                           int holdoutPurchases, double holdoutSpend) {
        public Customer {
            Objects.requireNonNull(customerId, "customerId");
            if (frequency < 0 || !(recency >= 0) || !(age >= recency) || !(monetary >= 0) || holdoutPurchases < 0) {
                throw new IllegalArgumentException("customer '" + customerId + "': need frequency >= 0, "
                        + "0 <= recency <= age and monetary >= 0; got frequency " + frequency + ", recency " + recency
                        + ", age " + age + ", monetary " + monetary + ", holdout purchases " + holdoutPurchases);
            }
        }
    }

    public RfmSummary {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(holdoutEnd, "holdoutEnd");
        customers = List.copyOf(customers);
    }

    /**
     * A summary of rows computed elsewhere (no dates).
     *
     * @param customers the rows
     * @return the summary
     */
    public static RfmSummary of(List<Customer> customers) {
        return new RfmSummary(Optional.empty(), Optional.empty(), customers);
    }

    /**
     * A systematic sample for a cheaper fit: every k-th customer in this summary's order (k = ⌈size / max⌉), the
     * dates kept. The models' parameters describe the population, so a fit on the sample can value every
     * customer of the whole summary.
     *
     * @param max the most customers to keep (≥ 1)
     * @return this summary when it has at most {@code max} customers, else the sample
     */
    public RfmSummary sample(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a sample needs at least 1 customer, got " + max);
        }
        if (customers.size() <= max) {
            return this;
        }
        int k = (customers.size() + max - 1) / max;
        List<Customer> kept = new java.util.ArrayList<>(max);
        for (int i = 0; i < customers.size(); i += k) {
            kept.add(customers.get(i));
        }
        return new RfmSummary(calibrationEnd, holdoutEnd, kept);
    }

    /** @return the number of customers */
    public int size() {
        return customers.size();
    }
}
