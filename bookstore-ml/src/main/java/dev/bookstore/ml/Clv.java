package dev.bookstore.ml;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;
import dev.bookstore.model.sql.SqlResources;

/**
 * Front door for customer lifetime value: fits BG/NBD, Pareto/NBD, the modified BG/NBD and the gamma-gamma spend
 * model by maximum likelihood on an {@link RfmSummary}, and gives per customer the probability of being alive, the
 * expected purchases and spend and the discounted CLV over a horizon. Immutable and thread-safe.
 *
 * <pre>{@code
 * RfmSummary s = Clv.summary(wh, LocalDate.parse("2025-09-30"));
 * Clv clv = Clv.fit(s);
 * double r = clv.bgNbd().r();
 * List<CustomerValue> values = clv.values(s, 52, 0.01);
 * }</pre>
 */
public final class Clv {
    /** Weeks per month in the monthly discounting (365.25 / 12 / 7, as lifetimes uses). */
    static final double WEEKS_PER_MONTH = 4.345;
    private static final String RFM_SQL = SqlResources.load(Clv.class, "clv_rfm");
    /** The columns of the mart customer_clv (customer_clv_create.sql). */
    private static final List<String> CLV_COLUMNS = List.of("customer_id", "as_of", "p_alive", "expected_purchases",
            "expected_spend", "clv", "horizon_weeks", "model", "model_fingerprint");

    private final PurchaseModel.BgNbd bgNbd;
    private final PurchaseModel.ParetoNbd paretoNbd;
    private final PurchaseModel.ModifiedBgNbd modifiedBgNbd;
    private final GammaGamma gammaGamma;

    private Clv(PurchaseModel.BgNbd bgNbd, PurchaseModel.ParetoNbd paretoNbd, PurchaseModel.ModifiedBgNbd modified,
                GammaGamma gammaGamma) {
        this.bgNbd = bgNbd;
        this.paretoNbd = paretoNbd;
        this.modifiedBgNbd = modified;
        this.gammaGamma = gammaGamma;
    }

    /**
     * Fits the four models.
     *
     * @param summary at least two customers with repeat purchases of positive value
     * @return the fitted models
     * @throws IllegalArgumentException when the summary cannot identify the models
     */
    public static Clv fit(RfmSummary summary) {
        Objects.requireNonNull(summary, "summary");
        RfmData data = RfmData.of(summary.customers());
        // the four fits are independent: run them side by side. Gamma-gamma (quick, and it rejects summaries
        // without repeat purchases) and Pareto/NBD (the slowest, about as long as BG/NBD and MBG/NBD together) on
        // the caller's thread, the other two in the common pool (a single thread on 2 cores)
        var bg = java.util.concurrent.CompletableFuture.supplyAsync(() -> PurchaseModel.BgNbd.fit(data));
        var modified = java.util.concurrent.CompletableFuture.supplyAsync(() -> PurchaseModel.ModifiedBgNbd.fit(data));
        try {
            GammaGamma spend = GammaGamma.fit(summary.customers());
            PurchaseModel.ParetoNbd pareto = PurchaseModel.ParetoNbd.fit(data);
            return new Clv(bg.join(), pareto, modified.join(), spend);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * The RFM summary of the warehouse's registered customers (marts {@code fct_orders}, gross revenue), computed in
     * the database, without a holdout.
     *
     * @param wh a warehouse whose marts are built
     * @param calibrationEnd the last calibration day (inclusive)
     * @return customers whose first purchase is on or before that day, ordered by id
     */
    public static RfmSummary summary(Warehouse wh, LocalDate calibrationEnd) {
        return summary(wh, calibrationEnd, Optional.empty());
    }

    /**
     * The RFM summary with a holdout period: purchases after {@code calibrationEnd} up to {@code holdoutEnd} are
     * counted in the holdout columns only.
     *
     * @param wh a warehouse whose marts are built
     * @param calibrationEnd the last calibration day (inclusive)
     * @param holdoutEnd the last holdout day (inclusive), after {@code calibrationEnd}
     * @return customers whose first purchase is on or before {@code calibrationEnd}, ordered by id
     */
    public static RfmSummary summary(Warehouse wh, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        Objects.requireNonNull(holdoutEnd, "holdoutEnd");
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("holdout end " + holdoutEnd + " must be after the calibration end "
                    + calibrationEnd);
        }
        return summary(wh, calibrationEnd, Optional.of(holdoutEnd));
    }

    private static RfmSummary summary(Warehouse wh, LocalDate calibrationEnd, Optional<LocalDate> holdoutEnd) {
        Objects.requireNonNull(wh, "wh");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        String sql = wh.render(RFM_SQL);
        List<RfmSummary.Customer> rows = wh.withHandle(h -> h.createQuery(sql)
                .bind("calibration_end", date(calibrationEnd))
                .bind("holdout_end", date(holdoutEnd.orElse(calibrationEnd)))
                .map((rs, ctx) -> PurchaseDays.row(rs.getString("customer_id"),
                        rs.getObject("first_day", LocalDate.class), rs.getObject("last_day", LocalDate.class),
                        calibrationEnd, rs.getInt("repeat_days"), rs.getDouble("repeat_amount"),
                        rs.getInt("holdout_days"), rs.getDouble("holdout_amount")))
                .list());
        return new RfmSummary(Optional.of(calibrationEnd), holdoutEnd, rows);
    }

    /** A date bound with {@code setObject(LocalDate)} (DuckDB's driver rejects Jdbi's typed date binding). */
    static Argument date(LocalDate day) {
        return MartWriter.object(day);
    }

    /**
     * The RFM summary of a transactions CSV file (UTF-8, header line), no warehouse needed. Purchases on one day
     * are merged; rows after the holdout end (or the calibration end without a holdout) are ignored.
     *
     * @param file the CSV file
     * @param columns where the customer, date and amount are and the date pattern
     * @param calibrationEnd the last calibration day (inclusive)
     * @param holdoutEnd the last holdout day, if any
     * @return customers whose first purchase is on or before {@code calibrationEnd}, ordered by id
     * @throws BookstoreException naming the file, line and column for a missing column, an unparseable date or
     *     amount
     */
    public static RfmSummary summary(Path file, TransactionColumns columns, LocalDate calibrationEnd,
                                     Optional<LocalDate> holdoutEnd) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        holdoutEnd.filter(h -> !h.isAfter(calibrationEnd)).ifPresent(h -> {
            throw new IllegalArgumentException("holdout end " + h + " must be after the calibration end "
                    + calibrationEnd);
        });
        return PurchaseDays.summary(file, columns, calibrationEnd, holdoutEnd);
    }

    /**
     * The purchase model chosen by Akaike's information criterion: the lowest {@link ModelFit#aic()} among BG/NBD,
     * Pareto/NBD and MBG/NBD (all have four parameters, so this is also the highest log-likelihood; ties go to the
     * first in {@link #purchaseModels()} order).
     *
     * @return BG/NBD, Pareto/NBD or MBG/NBD
     */
    public PurchaseModel preferred() {
        return purchaseModels().stream().min(Comparator.comparingDouble(m -> m.fit().aic())).orElseThrow();
    }

    /**
     * Per customer value with the {@link #preferred()} purchase model.
     *
     * @param summary the customers (their calibration columns are used)
     * @param horizonWeeks weeks ahead (≥ 1)
     * @param monthlyDiscountRate discount per month (e.g. 0.01), ≥ 0
     * @return one value per customer, in the summary's order
     */
    public List<CustomerValue> values(RfmSummary summary, int horizonWeeks, double monthlyDiscountRate) {
        return values(summary, preferred(), horizonWeeks, monthlyDiscountRate);
    }

    /**
     * Per customer value: P(alive) and expected purchases from {@code model}, expected spend per purchase from
     * the gamma-gamma model, CLV = Σ over months m of spend × (E[purchases up to month m] − E[… up to m − 1]) /
     * (1 + rate)^m (the last month partial when the horizon is not a whole number of months).
     *
     * @param summary the customers
     * @param model the purchase model
     * @param horizonWeeks weeks ahead (≥ 1)
     * @param monthlyDiscountRate discount per month, ≥ 0
     * @return one value per customer, in the summary's order
     */
    public List<CustomerValue> values(RfmSummary summary, PurchaseModel model, int horizonWeeks,
                                      double monthlyDiscountRate) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(model, "model");
        if (horizonWeeks < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 week, got " + horizonWeeks);
        }
        if (!(monthlyDiscountRate >= 0) || monthlyDiscountRate >= 1) {
            throw new IllegalArgumentException("monthly discount rate must be in [0, 1), got " + monthlyDiscountRate);
        }
        int months = (int) Math.ceil(horizonWeeks / WEEKS_PER_MONTH - 1e-9);
        List<CustomerValue> out = new ArrayList<>(summary.size());
        for (RfmSummary.Customer c : summary.customers()) {
            int x = c.frequency();
            double tx = x == 0 ? 0 : c.recency();
            double spend = gammaGamma.expectedAverageSpend(x, c.monetary());
            double value = 0;
            double before = 0;
            for (int m = 1; m <= months; m++) {
                double t = Math.min(m * WEEKS_PER_MONTH, horizonWeeks);
                double upTo = model.expectedPurchases(t, x, tx, c.age());
                value += spend * (upTo - before) / Math.pow(1 + monthlyDiscountRate, t / WEEKS_PER_MONTH);
                before = upTo;
            }
            out.add(new CustomerValue(c.customerId(), model.probabilityAlive(x, tx, c.age()), before, spend, value));
        }
        return out;
    }

    /**
     * Validates on a holdout: expected vs actual repeat purchases per calibration-frequency bucket and in total,
     * and the holdout spend predicted by each purchase model (with gamma-gamma spend) against two regressions of
     * next-period spend on RFM (least squares and a random forest) trained on {@code baselineTraining}.
     *
     * @param evaluation a summary with a holdout, normally the one these models were fitted on
     * @param baselineTraining a summary one period earlier whose holdout is the baselines' target (its holdout
     *     must end on or before the evaluation's calibration end so that nothing leaks)
     * @return the tables
     */
    public ClvHoldout holdout(RfmSummary evaluation, RfmSummary baselineTraining) {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(baselineTraining, "baselineTraining");
        if (baselineTraining.holdoutEnd().isPresent() && evaluation.calibrationEnd().isPresent()
                && baselineTraining.holdoutEnd().get().isAfter(evaluation.calibrationEnd().get())) {
            throw new IllegalArgumentException("the baseline's training holdout ends " + baselineTraining.holdoutEnd()
                    .get() + ", after the evaluation's calibration end " + evaluation.calibrationEnd().get());
        }
        return HoldoutCheck.run(this, evaluation, baselineTraining);
    }

    /**
     * The holdout check on the warehouse: fits on the calibration period ending {@code calibrationEnd}, evaluates
     * on the {@code holdoutWeeks} after it, trains the baselines on the same length of period before it.
     *
     * @param wh a warehouse whose marts are built
     * @param calibrationEnd the last calibration day
     * @param holdoutWeeks holdout length (≥ 1)
     * @return the fitted models and the tables
     */
    public static Validated validate(Warehouse wh, LocalDate calibrationEnd, int holdoutWeeks) {
        if (holdoutWeeks < 1) {
            throw new IllegalArgumentException("holdout must be at least 1 week, got " + holdoutWeeks);
        }
        RfmSummary evaluation = summary(wh, calibrationEnd, calibrationEnd.plusWeeks(holdoutWeeks));
        RfmSummary training = summary(wh, calibrationEnd.minusWeeks(holdoutWeeks), calibrationEnd);
        Clv clv = fit(evaluation);
        return new Validated(clv, evaluation, clv.holdout(evaluation, training));
    }

    /**
     * Models fitted on a calibration period and their holdout check.
     *
     * @param clv the models
     * @param summary the summary they were fitted on, with its holdout columns
     * @param holdout the check
     */
    public record Validated(Clv clv, RfmSummary summary, ClvHoldout holdout) {
    }

    /**
     * Writes per-customer values to the mart {@code customer_clv} (created when missing), replacing the rows of
     * the same as-of day, in one transaction.
     *
     * @param wh the warehouse
     * @param asOf the day the values are as of (normally the calibration end)
     * @param model the purchase model the values were computed with
     * @param horizonWeeks the horizon they cover
     * @param values the values
     * @return rows written
     */
    public int store(Warehouse wh, LocalDate asOf, PurchaseModel model, int horizonWeeks, List<CustomerValue> values) {
        Objects.requireNonNull(wh, "wh");
        Objects.requireNonNull(asOf, "asOf");
        String fingerprint = fingerprint(model);
        return MartWriter.replace(wh, "customer_clv", Map.of("as_of", asOf), CLV_COLUMNS, values,
                v -> new Object[] {v.customerId(), asOf, v.probabilityAlive(), v.expectedPurchases(), v.expectedSpend(),
                    v.clv(), horizonWeeks, model.key(), fingerprint});
    }

    /** SHA-256 (hex, first 32 characters) of the model key, its parameters and the gamma-gamma parameters. */
    String fingerprint(PurchaseModel model) {
        StringBuilder b = new StringBuilder(model.key());
        model.fit().estimates().forEach(e -> b.append(';').append(e.name()).append('=').append(e.value()));
        gammaGamma.fit().estimates().forEach(e -> b.append(';').append(e.name()).append('=').append(e.value()));
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the fitted BG/NBD model */
    public PurchaseModel.BgNbd bgNbd() {
        return bgNbd;
    }

    /** @return the fitted Pareto/NBD model */
    public PurchaseModel.ParetoNbd paretoNbd() {
        return paretoNbd;
    }

    /** @return the fitted modified BG/NBD model */
    public PurchaseModel.ModifiedBgNbd modifiedBgNbd() {
        return modifiedBgNbd;
    }

    /** @return the fitted gamma-gamma spend model */
    public GammaGamma gammaGamma() {
        return gammaGamma;
    }

    /** @return the three purchase models: BG/NBD, Pareto/NBD, modified BG/NBD */
    public List<PurchaseModel> purchaseModels() {
        return List.of(bgNbd, paretoNbd, modifiedBgNbd);
    }
}
