package dev.bookstore.ml;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Exponential smoothing in the error-correction form of Hyndman &amp; Athanasopoulos, "Forecasting: principles
 * and practice" (the equations statsmodels' {@code holtwinters} implements): simple, Holt (optionally damped) and
 * Holt-Winters with additive or multiplicative seasonality. Parameters (and optionally the initial states) are
 * fitted by least squares of the one-step errors with commons-math3's BOBYQA within [0, 1] (damping in
 * [0.8, 0.98]).
 */
final class Smoothing {
    /** Likelihood evaluations allowed per fit (the best point seen is kept when the budget runs out). */
    static final int MAX_EVALUATIONS = 3_000;

    enum Trend { NONE, ADDITIVE, DAMPED }

    enum Season { NONE, ADDITIVE, MULTIPLICATIVE }

    /** A model shape. */
    record Shape(Trend trend, Season season, int period) {
        int smoothingParameters() {
            return 1 + (trend == Trend.NONE ? 0 : 1) + (season == Season.NONE ? 0 : 1) + (trend == Trend.DAMPED ? 1 : 0);
        }

        int states() {
            return 1 + (trend == Trend.NONE ? 0 : 1) + (season == Season.NONE ? 0 : period);
        }
    }

    /**
     * A fitted model: parameters, final states and one-step residual scale.
     *
     * @param params alpha, beta, gamma, phi (NaN where unused)
     * @param level final level
     * @param trend final trend
     * @param seasonal last {@code period} seasonal states, oldest first (the next period uses index 0)
     * @param sse sum of squared one-step errors
     * @param n observations
     */
    record Fit(Shape shape, double[] params, double level, double trend, double[] seasonal, double sse, int n,
               double initialLevel, double initialTrend, double[] initialSeasonal) {
        /** The same parameters and initial states run over a longer (or other) series. */
        Fit rerun(double[] y) {
            return run(y, shape, params, initialLevel, initialTrend, initialSeasonal);
        }

        double phi() {
            return shape.trend() == Trend.DAMPED ? params[3] : 1;
        }

        double[] forecast(int h) {
            double[] f = new double[h];
            double damp = 0;
            double p = phi();
            double pk = 1;
            for (int k = 1; k <= h; k++) {
                pk *= p;
                damp += shape.trend() == Trend.NONE ? 0 : pk;
                double base = level + damp * trend;
                f[k - 1] = switch (shape.season()) {
                    case NONE -> base;
                    case ADDITIVE -> base + seasonal[(k - 1) % shape.period()];
                    case MULTIPLICATIVE -> base * seasonal[(k - 1) % shape.period()];
                };
            }
            return f;
        }

        /** Residual standard deviation (σ of the one-step errors, with the parameters counted). */
        double sigma() {
            int dof = Math.max(1, n - shape.smoothingParameters() - shape.states());
            return Math.sqrt(sse / dof);
        }

        /** Akaike information criterion for Gaussian errors (as in Hyndman et al. 2008 up to a constant). */
        double aic() {
            int k = shape.smoothingParameters() + shape.states();
            return n * Math.log(Math.max(sse, 1e-12) / n) + 2 * k;
        }
    }

    private Smoothing() {
    }

    /** Runs the recursion; returns the fit (states after the last observation). */
    static Fit run(double[] y, Shape shape, double[] params, double l0, double b0, double[] s0) {
        double alpha = params[0];
        double beta = params[1];
        double gamma = params[2];
        double phi = shape.trend() == Trend.DAMPED ? params[3] : 1;
        boolean trended = shape.trend() != Trend.NONE;
        int m = shape.season() == Season.NONE ? 1 : shape.period();
        double[] s = shape.season() == Season.NONE ? new double[] {0} : s0.clone();
        double l = l0;
        double b = trended ? b0 : 0;
        double sse = 0;
        for (int t = 0; t < y.length; t++) {
            int i = t % m;
            double lb = l + phi * b;
            double yhat;
            double lNew;
            switch (shape.season()) {
                case ADDITIVE -> {
                    yhat = lb + s[i];
                    lNew = alpha * (y[t] - s[i]) + (1 - alpha) * lb;
                    s[i] = gamma * (y[t] - lb) + (1 - gamma) * s[i];
                }
                case MULTIPLICATIVE -> {
                    yhat = lb * s[i];
                    lNew = alpha * y[t] / s[i] + (1 - alpha) * lb;
                    s[i] = gamma * y[t] / lb + (1 - gamma) * s[i];
                }
                default -> {
                    yhat = lb;
                    lNew = alpha * y[t] + (1 - alpha) * lb;
                }
            }
            double e = y[t] - yhat;
            sse += e * e;
            b = trended ? beta * (lNew - l) + (1 - beta) * phi * b : 0;
            l = lNew;
        }
        double[] next = new double[m];
        for (int k = 0; k < m; k++) {
            next[k] = s[(y.length + k) % m];
        }
        return new Fit(shape, params.clone(), l, b, next, sse, y.length, l0, b0, s0.clone());
    }

    /** Heuristic initial states: level and trend from the first seasons, seasonal indices from the first season. */
    static double[] heuristicStates(double[] y, Shape shape) {
        int m = shape.season() == Season.NONE ? 1 : shape.period();
        double[] st = new double[shape.states()];
        if (shape.season() == Season.NONE) {
            st[0] = y[0];
            if (shape.trend() != Trend.NONE) {
                st[1] = y.length > 1 ? y[1] - y[0] : 0;
            }
            return st;
        }
        double first = mean(y, 0, m);
        double second = y.length >= 2 * m ? mean(y, m, 2 * m) : first;
        st[0] = first;
        int k = 1;
        if (shape.trend() != Trend.NONE) {
            st[k++] = (second - first) / m;
        }
        for (int i = 0; i < m; i++) {
            st[k + i] = shape.season() == Season.ADDITIVE ? y[i] - first : (first == 0 ? 1 : y[i] / first);
        }
        return st;
    }

    /**
     * Least-squares fit of the smoothing parameters and, when {@code estimateStates}, of the initial states.
     */
    static Fit fit(double[] y, Shape shape, boolean estimateStates) {
        double[] init = heuristicStates(y, shape);
        int np = 4;
        int ns = estimateStates ? init.length : 0;
        double scale = Math.max(1e-9, Arrays.stream(y).map(Math::abs).max().orElse(1));
        boolean[] used = {true, shape.trend() != Trend.NONE, shape.season() != Season.NONE,
            shape.trend() == Trend.DAMPED};
        int free = 0;
        for (boolean u : used) {
            free += u ? 1 : 0;
        }
        int dim = free + ns;
        double[] start = new double[dim];
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        double[] defaults = {0.3, 0.05, 0.1, 0.9};
        int k = 0;
        for (int i = 0; i < np; i++) {
            if (used[i]) {
                start[k] = defaults[i];
                lo[k] = i == 3 ? 0.8 : 0;
                hi[k] = i == 3 ? 0.98 : 1;
                k++;
            }
        }
        for (int i = 0; i < ns; i++) {
            boolean multiplicativeIndex = shape.season() == Season.MULTIPLICATIVE && i >= init.length - shape.period();
            start[k] = init[i] / (multiplicativeIndex ? 1 : scale);
            lo[k] = multiplicativeIndex ? 1e-3 : -10;
            hi[k] = multiplicativeIndex ? 10 : 10;
            k++;
        }
        java.util.function.Function<double[], Fit> decode = v -> {
            double[] params = new double[np];
            Arrays.fill(params, Double.NaN);
            int j = 0;
            for (int i = 0; i < np; i++) {
                if (used[i]) {
                    params[i] = v[j++];
                }
            }
            double[] st = init.clone();
            for (int i = 0; i < ns; i++) {
                boolean multiplicativeIndex = shape.season() == Season.MULTIPLICATIVE
                        && i >= init.length - shape.period();
                st[i] = v[j++] * (multiplicativeIndex ? 1 : scale);
            }
            double l0 = st[0];
            double b0 = shape.trend() != Trend.NONE ? st[1] : 0;
            double[] s0 = shape.season() == Season.NONE ? new double[0]
                    : Arrays.copyOfRange(st, st.length - shape.period(), st.length);
            return run(y, shape, params, l0, b0, s0);
        };
        double[][] bestSeen = {start.clone()};
        double[] bestValue = {Double.POSITIVE_INFINITY};
        ObjectiveFunction objective = new ObjectiveFunction(v -> {
            double sse = decode.apply(v).sse();
            double value = Double.isFinite(sse) ? sse / (scale * scale) : 1e300;
            if (value < bestValue[0]) {
                bestValue[0] = value;
                bestSeen[0] = v.clone();
            }
            return value;
        });
        if (dim == 1) {
            return decode.apply(golden(objective, lo[0], hi[0]).getPoint());
        }
        try {
            new BOBYQAOptimizer(Math.min(2 * dim + 1, (dim + 1) * (dim + 2) / 2), 0.1, 1e-8)
                    .optimize(new MaxEval(MAX_EVALUATIONS), objective, GoalType.MINIMIZE, new InitialGuess(start),
                            new SimpleBounds(lo, hi));
        } catch (MathIllegalStateException e) {
            // keep the best point seen (the budget ran out, or BOBYQA stalled on a flat objective)
        }
        return decode.apply(bestSeen[0]);
    }

    /** Golden-section search for one bounded parameter (BOBYQA needs two or more). */
    private static PointValuePair golden(ObjectiveFunction f, double lo, double hi) {
        double g = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = f.getObjectiveFunction().value(new double[] {c});
        double fd = f.getObjectiveFunction().value(new double[] {d});
        while (b - a > 1e-10) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = f.getObjectiveFunction().value(new double[] {c});
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = f.getObjectiveFunction().value(new double[] {d});
            }
        }
        double x = (a + b) / 2;
        return new PointValuePair(new double[] {x}, f.getObjectiveFunction().value(new double[] {x}));
    }

    private static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s / (to - from);
    }
}
