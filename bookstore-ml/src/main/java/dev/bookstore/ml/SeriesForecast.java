package dev.bookstore.ml;

import java.util.Arrays;

/**
 * One series' forecast: the method chosen on the quarter before the last (fitted on the weeks before it), scored
 * by rolling origin on the last quarter (refitted on the weeks before it, parameters then fixed), and refitted on
 * the whole series for the forecast.
 *
 * @param method the chosen method
 * @param point point forecasts
 * @param sigma h-step standard deviations
 * @param score MASE, RMSSE, baseline MASE, baseline RMSSE; null when the series is too short or its scale is 0
 */
record SeriesForecast(String method, double[] point, double[] sigma, double[] score) {
    static SeriesForecast of(double[] y, int horizon) {
        return of(y, horizon, DemandForecast.Selection.HOLDOUT);
    }

    static SeriesForecast of(double[] y, int horizon, DemandForecast.Selection selection) {
        int n = y.length;
        int q = DemandForecast.HOLDOUT_WEEKS;
        String method = "ses";
        if (selection == DemandForecast.Selection.AIC && n >= q + 8 && !intermittent(Arrays.copyOf(y, n - q))) {
            method = lowestAic(Arrays.copyOf(y, n - q));
        } else if (n >= 2 * q + 8) {
            double[] train = Arrays.copyOf(y, n - 2 * q);
            double best = Double.POSITIVE_INFINITY;
            for (Forecaster f : Forecaster.candidates(train, DemandForecast.PERIOD)) {
                double[] fc = f.forecast(train, q);
                double mae = 0;
                for (int k = 0; k < q; k++) {
                    mae += Math.abs(y[n - 2 * q + k] - Math.max(0, fc[k]));
                }
                if (mae < best - 1e-12) {
                    best = mae;
                    method = f.method();
                }
            }
        } else if (n < 3) {
            method = "naive";
        }
        double[] score = null;
        if (n >= q + 8) {
            double[] train = Arrays.copyOf(y, n - q);
            Forecaster chosen = Forecaster.fit(method, train, DemandForecast.PERIOD);
            int lag = n - q >= DemandForecast.PERIOD + 2 ? DemandForecast.PERIOD : 1;
            Forecaster baseline = lag == 1 ? Forecaster.Naive.fit(train)
                    : Forecaster.SeasonalNaive.fit(train, DemandForecast.PERIOD);
            double[] scale = scale(train, lag);
            if (scale[0] > 0) {
                double[] a = errors(y, chosen, q);
                double[] b = errors(y, baseline, q);
                score = new double[] {a[0] / scale[0], Math.sqrt(a[1] / scale[1]), b[0] / scale[0],
                    Math.sqrt(b[1] / scale[1])};
            }
        }
        Forecaster finalFit = n >= 3 ? Forecaster.fit(method, y, DemandForecast.PERIOD) : Forecaster.Naive.fit(y);
        double[] point = finalFit.forecast(y, horizon);
        double[] sd = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            sd[k] = finalFit.sigma(k + 1);
        }
        return new SeriesForecast(finalFit.method(), point, sd, score);
    }

    /** Whether a series counts as intermittent: 30 % or more of its weeks without demand. */
    static boolean intermittent(double[] y) {
        return Arrays.stream(y).filter(v -> v <= 0).count() >= 0.3 * y.length;
    }

    /** The exponential smoothing candidate with the lowest AIC on {@code y} (SES when no other applies). */
    static String lowestAic(double[] y) {
        String method = "ses";
        double best = Double.POSITIVE_INFINITY;
        for (Forecaster f : Forecaster.candidates(y, DemandForecast.PERIOD)) {
            if (f instanceof Forecaster.Ets ets && ets.fit().aic() < best) {
                best = ets.fit().aic();
                method = ets.method();
            }
        }
        return method;
    }

    /** Mean absolute error and mean squared error over all rolling origins in the last q weeks, all horizons. */
    static double[] errors(double[] y, Forecaster f, int q) {
        int n = y.length;
        double abs = 0;
        double sq = 0;
        int count = 0;
        for (int o = n - q; o < n; o++) {
            double[] fc = f.forecast(Arrays.copyOf(y, o), n - o);
            for (int k = 0; k < n - o; k++) {
                double e = y[o + k] - Math.max(0, fc[k]);
                abs += Math.abs(e);
                sq += e * e;
                count++;
            }
        }
        return new double[] {abs / count, sq / count};
    }

    /** In-sample mean absolute and mean squared lag-{@code lag} differences (the MASE/RMSSE scales). */
    static double[] scale(double[] y, int lag) {
        double abs = 0;
        double sq = 0;
        int count = 0;
        for (int t = lag; t < y.length; t++) {
            double d = y[t] - y[t - lag];
            abs += Math.abs(d);
            sq += d * d;
            count++;
        }
        return count == 0 ? new double[] {0, 0} : new double[] {abs / count, sq / count};
    }
}
