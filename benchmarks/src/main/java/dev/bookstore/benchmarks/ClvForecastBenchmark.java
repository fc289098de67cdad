package dev.bookstore.benchmarks;

import dev.bookstore.ml.Clv;
import dev.bookstore.ml.DemandForecast;
import dev.bookstore.ml.RfmSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13 speed goals: fitting all four CLV models on 50,000 customers (goal &lt; 5 s) and forecasting 5,000
 * product series of 52 weeks (goal &lt; 10 s). Customers are drawn from a BG/NBD process with daily purchase days
 * over one year (ages 0–52 weeks, as a year of the default data gives); products are Poisson weekly demand with
 * growth and a yearly wave, a third of them intermittent (mean under one unit a week).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ClvForecastBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ClvForecastBenchmark {
    private RfmSummary customers;
    private Map<String, double[]> products;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(13);
        List<RfmSummary.Customer> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            double lambda = gamma(rng, 0.5) / 5.0;
            double p = beta(rng, 0.8, 2.5);
            int ageDays = 1 + rng.nextInt(364);
            int x = 0;
            int last = 0;
            double t = 0;
            while (true) {
                t += -Math.log(1 - rng.nextDouble()) / lambda * 7;
                if (t > ageDays) {
                    break;
                }
                int day = (int) Math.ceil(t);
                if (day > last) {
                    x++;
                    last = day;
                }
                if (rng.nextDouble() < p) {
                    break;
                }
            }
            rows.add(new RfmSummary.Customer("C" + i, x, last / 7.0, ageDays / 7.0, x == 0 ? 0
                    : 10 + 40 * rng.nextDouble(), 0, 0));
        }
        customers = RfmSummary.of(rows);
        products = new TreeMap<>();
        for (int k = 0; k < 5_000; k++) {
            double base = k % 3 == 0 ? 0.4 : 2 + 10 * rng.nextDouble();
            double[] y = new double[52];
            for (int w = 0; w < 52; w++) {
                double mean = base * (1 + 0.003 * w) * (1 + 0.3 * Math.sin(2 * Math.PI * w / 52));
                y[w] = poisson(rng, mean);
            }
            products.put("P" + k, y);
        }
    }

    @Benchmark
    public Clv clvFitFourModels50k() {
        return Clv.fit(customers);
    }

    @Benchmark
    public DemandForecast.Result forecast5000Products() {
        return DemandForecast.forecastSeries(products, LocalDate.of(2025, 12, 22), DemandForecast.Options.defaults());
    }

    private static double gamma(SplittableRandom rng, double shape) {
        // Marsaglia–Tsang with the shape < 1 boost
        double boost = 1;
        if (shape < 1) {
            boost = Math.pow(rng.nextDouble(), 1 / shape);
            shape += 1;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = normal(rng);
            double v = Math.pow(1 + c * z, 3);
            if (v > 0 && Math.log(rng.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v * boost;
            }
        }
    }

    private static double beta(SplittableRandom rng, double a, double b) {
        double x = gamma(rng, a);
        return x / (x + gamma(rng, b));
    }

    private static double normal(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static int poisson(SplittableRandom rng, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
