package dev.bookstore.ml;

import java.util.List;
import java.util.Objects;

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
        return new Clv(PurchaseModel.BgNbd.fit(data), PurchaseModel.ParetoNbd.fit(data),
                PurchaseModel.ModifiedBgNbd.fit(data), GammaGamma.fit(summary.customers()));
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
