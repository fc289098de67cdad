package dev.bookstore.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * One forecasting method fitted to a weekly series: naive and seasonal naive baselines, exponential smoothing
 * ({@link Smoothing}) and Croston, SBA and TSB for intermittent demand. A fitted method can be run forward over a
 * longer series with the same parameters (rolling-origin evaluation without refitting).
 */
sealed interface Forecaster {
    /** @return the method's name as reported (naive, seasonal_naive, ses, holt_damped, hw_additive, ...) */
    String method();

    /**
     * @param y the series up to the forecast origin (starting where the fit's series started)
     * @param h steps ahead
     * @return point forecasts for the h weeks after {@code y}
     */
    double[] forecast(double[] y, int h);

    /** @return standard deviation of the one-step errors on the fitted series */
    double sigma();

    /** @return h-step standard deviation (normal approximation) */
    default double sigma(int h) {
        return sigma() * Math.sqrt(h);
    }

    record Naive(double sigma) implements Forecaster {
        static Naive fit(double[] y) {
            return new Naive(diffSd(y, 1));
        }

        @Override
        public String method() {
            return "naive";
        }

        @Override
        public double[] forecast(double[] y, int h) {
            double[] f = new double[h];
            java.util.Arrays.fill(f, y[y.length - 1]);
            return f;
        }
    }

    record SeasonalNaive(int period, double sigma) implements Forecaster {
        static SeasonalNaive fit(double[] y, int period) {
            return new SeasonalNaive(period, diffSd(y, period));
        }

        @Override
        public String method() {
            return "seasonal_naive";
        }

        @Override
        public double[] forecast(double[] y, int h) {
            double[] f = new double[h];
            for (int k = 0; k < h; k++) {
                f[k] = y[y.length - period + k % period];
            }
            return f;
        }

        @Override
        public double sigma(int h) {
            return sigma * Math.sqrt((h - 1) / period + 1);
        }
    }

    record Ets(String method, Smoothing.Fit fit) implements Forecaster {
        @Override
        public double[] forecast(double[] y, int h) {
            return fit.rerun(y).forecast(h);
        }

        @Override
        public double sigma() {
            return fit.sigma();
        }

        @Override
        public double sigma(int h) {
            double a = fit.params()[0];
            return sigma() * Math.sqrt(1 + (h - 1) * a * a * (fit.shape().trend() == Smoothing.Trend.NONE ? 1 : 1.5));
        }
    }

    /** Croston (1972), its bias-corrected SBA (Syntetos &amp; Boylan 2005) and TSB (Teunter, Syntetos &amp; Babai 2011). */
    record Intermittent(String method, double alpha, double beta, double sigma) implements Forecaster {
        static final double[] GRID = {0.05, 0.1, 0.2, 0.3};

        /** The smoothing constant(s) with the least squared one-step error, from a small grid. */
        static Intermittent fit(String method, double[] y) {
            Intermittent best = null;
            double bestSse = Double.POSITIVE_INFINITY;
            for (double a : GRID) {
                for (double b : method.equals("tsb") ? GRID : new double[] {0}) {
                    double sse = sse(method, a, b, y);
                    if (sse < bestSse) {
                        bestSse = sse;
                        best = new Intermittent(method, a, b, Math.sqrt(sse / Math.max(1, y.length - 1)));
                    }
                }
            }
            return best;
        }

        /** Sum of squared one-step errors in one pass (the state after t observations forecasts t + 1). */
        private static double sse(String method, double a, double b, double[] y) {
            State st = new State();
            double sse = 0;
            for (int t = 0; t < y.length; t++) {
                if (t > 0) {
                    double f = st.forecast(method, a);
                    sse += (y[t] - f) * (y[t] - f);
                }
                st.update(method, a, b, y[t]);
            }
            return sse;
        }

        /** Croston / TSB state: demand size z, interval p (Croston) or probability d (TSB). */
        private static final class State {
            double z = Double.NaN;
            double p = Double.NaN;
            double d = Double.NaN;
            int q = 1;

            void update(String method, double a, double b, double y) {
                boolean demand = y > 0;
                if (method.equals("tsb")) {
                    d = Double.isNaN(d) ? (demand ? 1 : 0) : d + b * ((demand ? 1 : 0) - d);
                    if (demand) {
                        z = Double.isNaN(z) ? y : z + a * (y - z);
                    }
                } else if (demand) {
                    z = Double.isNaN(z) ? y : z + a * (y - z);
                    p = Double.isNaN(p) ? q : p + a * (q - p);
                    q = 1;
                } else {
                    q++;
                }
            }

            double forecast(String method, double a) {
                if (Double.isNaN(z)) {
                    return 0;
                }
                return switch (method) {
                    case "tsb" -> d * z;
                    case "sba" -> (1 - a / 2) * z / p;
                    default -> z / p;
                };
            }
        }

        /** The one-step forecast after the first {@code n} observations. */
        static double level(String method, double a, double b, double[] y, int n) {
            State st = new State();
            for (int t = 0; t < n; t++) {
                st.update(method, a, b, y[t]);
            }
            return st.forecast(method, a);
        }

        @Override
        public double[] forecast(double[] y, int h) {
            double[] f = new double[h];
            java.util.Arrays.fill(f, level(method, alpha, beta, y, y.length));
            return f;
        }

        @Override
        public double sigma(int h) {
            return sigma * Math.sqrt(1 + (h - 1) * alpha * alpha);
        }
    }

    /**
     * The candidate methods for a series: intermittent ones when at least 30 % of its weeks have no demand,
     * smoothing otherwise; Holt-Winters and seasonal naive only with enough whole seasons.
     */
    static List<Forecaster> candidates(double[] y, int period) {
        List<Forecaster> out = new ArrayList<>();
        out.add(Naive.fit(y));
        if (y.length >= period + 2) {
            out.add(SeasonalNaive.fit(y, period));
        }
        Smoothing.Shape ses = new Smoothing.Shape(Smoothing.Trend.NONE, Smoothing.Season.NONE, 1);
        out.add(new Ets("ses", Smoothing.fit(y, ses, false)));
        if (SeriesForecast.intermittent(y)) {
            for (String m : List.of("croston", "sba", "tsb")) {
                out.add(Intermittent.fit(m, y));
            }
            return out;
        }
        out.add(new Ets("holt_damped", Smoothing.fit(y, new Smoothing.Shape(Smoothing.Trend.DAMPED,
                Smoothing.Season.NONE, 1), false)));
        if (y.length >= 2 * period + 2) {
            out.add(new Ets("hw_additive", Smoothing.fit(y, new Smoothing.Shape(Smoothing.Trend.DAMPED,
                    Smoothing.Season.ADDITIVE, period), false)));
            if (java.util.Arrays.stream(y).allMatch(v -> v > 0)) {
                out.add(new Ets("hw_multiplicative", Smoothing.fit(y, new Smoothing.Shape(Smoothing.Trend.DAMPED,
                        Smoothing.Season.MULTIPLICATIVE, period), false)));
            }
        }
        return out;
    }

    /** Fits one named method (as {@link #candidates} would); SES when it does not apply to this series. */
    static Forecaster fit(String method, double[] y, int period) {
        Smoothing.Shape ses = new Smoothing.Shape(Smoothing.Trend.NONE, Smoothing.Season.NONE, 1);
        return switch (method) {
            case "naive" -> Naive.fit(y);
            case "seasonal_naive" -> y.length >= period + 2 ? SeasonalNaive.fit(y, period) : Naive.fit(y);
            case "croston", "sba", "tsb" -> Intermittent.fit(method, y);
            case "holt_damped" -> new Ets(method, Smoothing.fit(y, new Smoothing.Shape(Smoothing.Trend.DAMPED,
                    Smoothing.Season.NONE, 1), false));
            case "hw_additive" -> y.length >= 2 * period + 2 ? new Ets(method, Smoothing.fit(y,
                    new Smoothing.Shape(Smoothing.Trend.DAMPED, Smoothing.Season.ADDITIVE, period), false))
                    : new Ets("ses", Smoothing.fit(y, ses, false));
            case "hw_multiplicative" -> y.length >= 2 * period + 2 && java.util.Arrays.stream(y).allMatch(v -> v > 0)
                    ? new Ets(method, Smoothing.fit(y, new Smoothing.Shape(Smoothing.Trend.DAMPED,
                    Smoothing.Season.MULTIPLICATIVE, period), false))
                    : new Ets("ses", Smoothing.fit(y, ses, false));
            default -> new Ets("ses", Smoothing.fit(y, ses, false));
        };
    }

    private static double diffSd(double[] y, int lag) {
        double s = 0;
        int n = 0;
        for (int t = lag; t < y.length; t++) {
            double d = y[t] - y[t - lag];
            s += d * d;
            n++;
        }
        return n == 0 ? 0 : Math.sqrt(s / n);
    }
}
