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

    private int nextRow() {
        int i = next;
        next = i + 1 == rows.length ? 0 : i + 1;
        return i;
    }
}
