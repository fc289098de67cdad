package dev.bookstore.ml;

import java.util.List;

/**
 * Why a customer got their churn probability: the features that moved it most. A feature's effect is the
 * probability minus the probability with that one feature set to its reference value (its median over the
 * training snapshot, stored in the model file); positive effects raise the risk.
 *
 * <pre>{@code
 * ChurnExplanation e = model.explain(Features.of(wh).customer("CUST_1523", day), 5);
 * e.contributions().forEach(c -> System.out.println(c.feature() + " " + c.effect()));
 * }</pre>
 *
 * @param probability the calibrated churn probability
 * @param contributions the largest non-zero effects by absolute size, largest first (features with no effect are
 *     left out, so there may be fewer than asked for)
 */
public record ChurnExplanation(double probability, List<Contribution> contributions) {
    /**
     * Copies the list.
     *
     * @param probability the calibrated churn probability
     * @param contributions the largest effects, largest first
     */
    public ChurnExplanation {
        contributions = List.copyOf(contributions);
    }

    /**
     * One feature's effect on the probability.
     *
     * @param feature the feature name
     * @param value the customer's value
     * @param reference the training population's median
     * @param effect probability minus the probability with the feature at its reference value
     */
    public record Contribution(String feature, double value, double reference, double effect) {
    }
}
