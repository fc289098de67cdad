package dev.bookstore.benchmarks;

import dev.bookstore.ml.FeatureSchema;
import dev.bookstore.ml.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * Churn scoring: Smile 2.6's {@code RandomForest.predict} against the compiled {@link Scorer} on the same forest
 * (100 trees, depth up to 12, 19 features shaped like {@link FeatureSchema#CUSTOMER_V1}), trained in setup on
 * 20,000 synthetic customers. Single-row and batch (1,000 rows; reported per row). Run with the GC profiler to
 * see allocation per operation:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ChurnScoringBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ChurnScoringBenchmark {
    static final int TRAIN_ROWS = 20_000;
    static final int BATCH = 1_000;

    private RandomForest forest;
    private Scorer scorer;
    private double[][] rows;
    private Tuple[] tuples;
    private double[] out;
    private double[] posterior;
    private int next;

    @Setup(Level.Trial)
    public void train() {
        FeatureSchema schema = FeatureSchema.CUSTOMER_V1;
        int p = schema.size();
        Random random = new Random(7);
        double[][] x = new double[TRAIN_ROWS][p];
        int[] y = new int[TRAIN_ROWS];
        for (int i = 0; i < TRAIN_ROWS; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = j < 13 ? Math.abs(random.nextGaussian()) * (j + 1) * 10 : (random.nextInt(6) == j - 13 ? 1 : 0);
            }
            double logit = 0.03 * x[i][0] - 0.2 * x[i][1] + 0.05 * x[i][9] * x[i][12] / 50 - 0.5
                    + random.nextGaussian();
            y[i] = logit > 0 ? 1 : 0;
        }
        DataFrame df = DataFrame.of(x, schema.columns().toArray(String[]::new)).merge(IntVector.of("churned", y));
        forest = RandomForest.fit(Formula.lhs("churned"), df, 100, 4, SplitRule.GINI, 12, TRAIN_ROWS / 5, 5, 1.0,
                null, LongStream.range(1, 101));
        scorer = Scorer.compile(forest, schema);
        rows = new double[BATCH][];
        tuples = new Tuple[BATCH];
        DataFrame holdout = DataFrame.of(x, schema.columns().toArray(String[]::new)).merge(IntVector.of("churned", y));
        for (int i = 0; i < BATCH; i++) {
            rows[i] = x[i];
            tuples[i] = holdout.get(i);
        }
        out = new double[BATCH];
        posterior = new double[2];
        double[] check = new double[2];
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            forest.predict(tuples[i], check);
            if (Math.abs(check[1] - scorer.score(rows[i])) > 1e-12) {
                mismatches.add("row " + i);
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("compiled scorer differs from Smile on " + mismatches);
        }
    }

    @Benchmark
    public double smileSingle() {
        int i = nextRow();
        forest.predict(tuples[i], posterior);
        return posterior[1];
    }

    @Benchmark
    public double compiledSingle() {
        return scorer.score(rows[nextRow()]);
    }

    private int nextRow() {
        int i = next;
        next = i + 1 == BATCH ? 0 : i + 1;
        return i;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void smileBatch(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            forest.predict(tuples[i], posterior);
            out[i] = posterior[1];
        }
        bh.consume(out);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void compiledBatch(Blackhole bh) {
        scorer.score(rows, out);
        bh.consume(out);
    }
}
