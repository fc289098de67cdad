package dev.bookstore.ml;

import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.bookstore.model.sql.SqlResources;

/**
 * Which snapshots each step of {@link ChurnModel#train} uses, decided from the as-of day, the options and the first
 * order day alone (no data read), so that tests can check every snapshot against the no-leakage rule.
 *
 * <p>With horizon h the evaluation snapshot is {@code asOf − h} (outcomes {@code (asOf − h, asOf]}). The evaluation
 * step trains on snapshots whose outcomes end by then: the latest is {@code asOf − 2h}, then one a month earlier,
 * as many as {@link ChurnOptions#snapshots()} allows and the history reaches (a snapshot needs one horizon of
 * orders before it, so that its 90-day features are complete). The deployment step (with {@link
 * ChurnOptions#refit()}) trains the same way on the snapshots labelled by the as-of day: the latest is
 * {@code asOf − h}. Each step's calibration is fitted on its latest training snapshot by cross-fitting — except in
 * the single-snapshot procedure ({@link ChurnOptions#singleSnapshot()}), which calibrates on the earlier snapshot
 * {@code asOf − 2h − calibrationGapDays}.
 *
 * @param asOf the last day whose data may be used
 * @param horizonDays the outcome window
 * @param evaluationAsOf the evaluation snapshot
 * @param evaluation the evaluation step
 * @param deployment the refit step, when the written model is refit
 */
record ChurnPlan(LocalDate asOf, int horizonDays, LocalDate evaluationAsOf, Step evaluation,
                 Optional<Step> deployment) {
    private static final String FIRST_ORDER_DAY =
            SqlResources.load(ChurnPlan.class, "ChurnPlan/first_order_day");

    /**
     * One step: the snapshots it trains on and the one its calibration is fitted on.
     *
     * @param name evaluation or deployment
     * @param train the training snapshots, oldest first
     * @param calibration the calibration snapshot
     * @param crossFitted whether the calibration snapshot is scored by cross-fitting (it is a training snapshot)
     * @param labelledBy no label of this step reads a day after this one
     */
    record Step(String name, List<LocalDate> train, LocalDate calibration, boolean crossFitted,
                LocalDate labelledBy) {
        Step {
            train = List.copyOf(train);
        }

        LocalDate latest() {
            return train.get(train.size() - 1);
        }
    }

    static ChurnPlan of(LocalDate asOf, ChurnOptions o, Optional<LocalDate> firstOrderDay) {
        int h = o.horizonDays();
        LocalDate evaluationAsOf = asOf.minusDays(h);
        List<LocalDate> evalTrain = monthly(evaluationAsOf.minusDays(h), o, firstOrderDay);
        LocalDate latest = evalTrain.get(evalTrain.size() - 1);
        Step evaluation = o.single()
                ? new Step("evaluation", evalTrain, latest.minusDays(o.calibrationGapDays()), false, evaluationAsOf)
                : new Step("evaluation", evalTrain, latest, true, evaluationAsOf);
        Optional<Step> deployment = Optional.empty();
        if (o.refit()) {
            List<LocalDate> train = monthly(evaluationAsOf, o, firstOrderDay);
            deployment = Optional.of(new Step("deployment", train, evaluationAsOf, true, asOf));
        }
        return new ChurnPlan(asOf, h, evaluationAsOf, evaluation, deployment);
    }

    /** {@code latest} and the days a whole number of months before it, oldest first. */
    private static List<LocalDate> monthly(LocalDate latest, ChurnOptions o, Optional<LocalDate> firstOrderDay) {
        LocalDate earliest = firstOrderDay.map(d -> d.plusDays(o.horizonDays())).orElse(latest);
        List<LocalDate> out = new ArrayList<>();
        for (int k = 0; k < o.snapshots(); k++) {
            LocalDate t = latest.minusMonths(k);
            if (k > 0 && t.isBefore(earliest)) {
                break;
            }
            out.add(0, t);
        }
        return out;
    }

    /** The first order day of a known customer, empty when there is no order. */
    static Optional<LocalDate> historyStart(Warehouse wh) {
        String sql = wh.render(FIRST_ORDER_DAY);
        return wh.withHandle(h -> h.createQuery(sql).mapTo(LocalDate.class).findOne());
    }
}
