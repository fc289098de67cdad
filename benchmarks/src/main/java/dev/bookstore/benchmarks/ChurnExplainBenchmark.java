package dev.bookstore.benchmarks;

import dev.bookstore.ml.ChurnExplanation;
import dev.bookstore.ml.ChurnModel;
import dev.bookstore.ml.Features;
import dev.bookstore.ml.ModelFile;
import dev.bookstore.model.Warehouse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a churn explanation against a bare score, per customer, on the model and customers that
 * {@code bookstore serve} answers for: the churn model file of a quickstart and that warehouse's feature vectors
 * (the first 1,000 customers as of the model's training day), cycled one per call.
 *
 * <ul>
 *   <li>{@code probability}: {@code model.probability(x)} (what {@code POST /predict/churn?top=0} computes);</li>
 *   <li>{@code explainTop5}: {@code model.explain(x, 5)} (the route's default, five contributions).</li>
 * </ul>
 *
 * <pre>
 * ./bookstore quickstart --work /tmp/qs
 * java -jar benchmarks/target/benchmarks.jar ChurnExplainBenchmark -f 1 -prof gc \
 *     -p db=jdbc:duckdb:/tmp/qs/bookstore.duckdb -p models=/tmp/qs/models
 * </pre>
 *
 * <p>On a shared machine, {@link #main} is steadier: the minimum over rounds of the 1,000 rows, both operations
 * interleaved in one JVM ({@code java -cp benchmarks/target/benchmarks.jar
 * dev.bookstore.benchmarks.ChurnExplainBenchmark DB_URL MODELS_DIR [ROUNDS]}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ChurnExplainBenchmark {
    static final int ROWS = 1_000;

    /** JDBC URL of a built warehouse (a quickstart's). */
    @Param({})
    public String db;

    /** The models folder holding {@code churn.bsm}. */
    @Param({})
    public String models;

    private ChurnModel model;
    private double[][] rows;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        model = ModelFile.read(Path.of(models, "churn.bsm"));
        try (Warehouse wh = Warehouse.connect(db)) {
            double[][] all = Features.of(wh).asOf(model.metadata().trainAsOf()).matrix();
            rows = Arrays.copyOf(all, Math.min(ROWS, all.length));
        }
    }

    @Benchmark
    public double probability() {
        return model.probability(rows[nextRow()]);
    }

    @Benchmark
    public ChurnExplanation explainTop5() {
        return model.explain(rows[nextRow()], 5);
    }

    /**
     * Per row, the minimum over rounds (default 150) of {@code explain(x, 5)} and of {@code probability(x)} over all
     * rows, the two interleaved; prints three such measurements.
     *
     * @param args the warehouse URL, the models folder, optionally the rounds
     */
    public static void main(String[] args) {
        ChurnExplainBenchmark b = new ChurnExplainBenchmark();
        b.db = args[0];
        b.models = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        b.load();
        for (int m = 0; m < 3; m++) {
            long explain = Long.MAX_VALUE;
            long probability = Long.MAX_VALUE;
            double sink = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (double[] x : b.rows) {
                    sink += b.model.explain(x, 5).probability();
                }
                long t1 = System.nanoTime();
                for (double[] x : b.rows) {
                    sink += b.model.probability(x);
                }
                long t2 = System.nanoTime();
                explain = Math.min(explain, t1 - t0);
                probability = Math.min(probability, t2 - t1);
            }
            System.out.printf("%,d rows, minimum of %d rounds, per row: explain(x, 5) %,.0f ns, probability(x) %,.0f ns"
                    + " (checksum %.3f)%n", b.rows.length, rounds, (double) explain / b.rows.length,
                    (double) probability / b.rows.length, sink);
        }
    }

    private int nextRow() {
        int i = next;
        next = i + 1 == rows.length ? 0 : i + 1;
        return i;
    }
}
