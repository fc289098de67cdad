package dev.bookstore.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood for positive parameters with commons-math3: the negative log-likelihood is minimised over the
 * logarithms of the parameters (so they stay positive) by BOBYQA, then polished by Nelder–Mead restarts until a
 * restart no longer improves it; standard errors come from the inverse of a central-difference Hessian in the
 * natural parameters.
 */
final class MaximumLikelihood {
    private static final double LOG_BOUND = 25;
    private static final int MAX_RESTARTS = 6;

    private MaximumLikelihood() {
    }

    /** The fitted parameters (natural scale) and the fit report. */
    record Result(double[] values, ModelFit fit) {
    }

    /**
     * @param logLikelihood the total log-likelihood of the natural parameters (−∞ or NaN where undefined)
     * @param names parameter names
     * @param start a starting point (natural scale, positive)
     * @param customers customers behind the likelihood (for the report and the scaling of the objective)
     */
    static Result fit(ToDoubleFunction<double[]> logLikelihood, String[] names, double[] start, int customers) {
        int n = start.length;
        int[] evaluations = {0};
        double scale = Math.max(1, customers);
        ObjectiveFunction objective = new ObjectiveFunction(u -> {
            evaluations[0]++;
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = Math.exp(u[i]);
            }
            double ll = logLikelihood.applyAsDouble(theta);
            return Double.isFinite(ll) ? -ll / scale : 1e300;
        });
        double[] u0 = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            u0[i] = Math.log(start[i]);
            lower[i] = -LOG_BOUND;
            upper[i] = LOG_BOUND;
        }
        PointValuePair best;
        try {
            best = new BOBYQAOptimizer(2 * n + 1, 0.5, 1e-9).optimize(new MaxEval(20_000), objective,
                    GoalType.MINIMIZE, new InitialGuess(u0), new SimpleBounds(lower, upper));
        } catch (MathIllegalStateException e) {
            best = new PointValuePair(u0, objective.getObjectiveFunction().value(u0));
        }
        boolean converged = false;
        SimplexOptimizer simplex = new SimplexOptimizer(1e-13, 1e-13);
        for (int restart = 0; restart < MAX_RESTARTS && !converged; restart++) {
            PointValuePair next;
            try {
                next = simplex.optimize(new MaxEval(20_000), objective, GoalType.MINIMIZE,
                        new InitialGuess(best.getPoint()), new NelderMeadSimplex(n, 0.05));
            } catch (MathIllegalStateException e) {
                break;
            }
            converged = next.getValue() >= best.getValue() - 1e-11 * Math.max(1, Math.abs(best.getValue()));
            if (next.getValue() < best.getValue()) {
                best = next;
            }
        }
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = Math.exp(best.getPoint()[i]);
        }
        double ll = logLikelihood.applyAsDouble(theta);
        double[] se = standardErrors(logLikelihood, theta);
        List<ModelFit.Estimate> estimates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            estimates.add(new ModelFit.Estimate(names[i], theta[i], se[i]));
        }
        return new Result(theta, new ModelFit(estimates, ll, customers, evaluations[0], converged));
    }

    /** Square roots of the diagonal of the inverse Hessian of −LL (central differences, relative steps). */
    static double[] standardErrors(ToDoubleFunction<double[]> logLikelihood, double[] theta) {
        int n = theta.length;
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = 1e-4 * Math.max(Math.abs(theta[i]), 1e-6);
        }
        double f0 = -logLikelihood.applyAsDouble(theta);
        double[][] hess = new double[n][n];
        for (int i = 0; i < n; i++) {
            hess[i][i] = (f(logLikelihood, theta, i, h[i], -1, 0) - 2 * f0 + f(logLikelihood, theta, i, -h[i], -1, 0))
                    / (h[i] * h[i]);
            for (int j = 0; j < i; j++) {
                double pp = f2(logLikelihood, theta, i, h[i], j, h[j]);
                double pm = f2(logLikelihood, theta, i, h[i], j, -h[j]);
                double mp = f2(logLikelihood, theta, i, -h[i], j, h[j]);
                double mm = f2(logLikelihood, theta, i, -h[i], j, -h[j]);
                hess[i][j] = hess[j][i] = (pp - pm - mp + mm) / (4 * h[i] * h[j]);
            }
        }
        double[] se = new double[n];
        try {
            RealMatrix inverse = new LUDecomposition(new Array2DRowRealMatrix(hess, false)).getSolver().getInverse();
            for (int i = 0; i < n; i++) {
                double v = inverse.getEntry(i, i);
                se[i] = v > 0 ? Math.sqrt(v) : Double.NaN;
            }
        } catch (RuntimeException singular) {
            java.util.Arrays.fill(se, Double.NaN);
        }
        return se;
    }

    private static double f(ToDoubleFunction<double[]> ll, double[] theta, int i, double di, int j, double dj) {
        double[] t = theta.clone();
        t[i] += di;
        if (j >= 0) {
            t[j] += dj;
        }
        return -ll.applyAsDouble(t);
    }

    private static double f2(ToDoubleFunction<double[]> ll, double[] theta, int i, double di, int j, double dj) {
        return f(ll, theta, i, di, j, dj);
    }
}
