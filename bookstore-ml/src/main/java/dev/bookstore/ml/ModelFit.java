package dev.bookstore.ml;

import java.util.List;
import java.util.Objects;

/**
 * How a CLV model was fitted by maximum likelihood: each parameter's estimate and standard error (from the inverse
 * of the numerical Hessian of the negative log-likelihood at the optimum), the maximised log-likelihood, the number
 * of likelihood evaluations and whether the optimiser converged. Immutable.
 *
 * <pre>{@code
 * ModelFit fit = Clv.fit(summary).bgNbd().fit();
 * double se = fit.estimate("alpha").standardError();
 * }</pre>
 *
 * @param estimates the parameters in the model's order
 * @param logLikelihood the maximised log-likelihood (natural log, summed over customers)
 * @param customers the customers the model was fitted on
 * @param evaluations likelihood evaluations used by the optimiser
 * @param converged whether the last restart of the optimiser stopped on its convergence test
 */
public record ModelFit(List<Estimate> estimates, double logLikelihood, int customers, int evaluations,
                       boolean converged) {
    /**
     * One parameter.
     *
     * @param name the parameter's name as in the papers (r, alpha, a, b, s, beta, p, q, v)
     * @param value the maximum-likelihood estimate
     * @param standardError its standard error; NaN when the Hessian is not positive definite there
     */
    public record Estimate(String name, double value, double standardError) {
        public Estimate {
            Objects.requireNonNull(name, "name");
        }
    }

    public ModelFit {
        estimates = List.copyOf(estimates);
    }

    /**
     * Akaike's information criterion, 2k − 2 log L with k the number of parameters: the lower, the better the
     * model explains the same data for its size.
     *
     * @return the AIC
     */
    public double aic() {
        return 2 * estimates.size() - 2 * logLikelihood;
    }

    /**
     * @param name a parameter name
     * @return its estimate
     * @throws IllegalArgumentException naming the valid parameters when there is no such parameter
     */
    public Estimate estimate(String name) {
        return estimates.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter '" + name + "'; the parameters are "
                        + estimates.stream().map(Estimate::name).toList()));
    }
}
