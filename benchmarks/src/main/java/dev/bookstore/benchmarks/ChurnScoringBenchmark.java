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
 * Churn scoring: Smile 2.6's {@code RandomForest} against the compiled {@link Scorer} on the same forest
 * (100 trees, depth up to 12, 19 features shaped like {@link FeatureSchema#CUSTOMER_V1}), trained in setup on
 * 20,000 synthetic customers and scoring 1,000 held-out ones; setup also checks that both give the same probabilities (within 1e-12).
 *
 * <p>What is measured, per row (batch results are divided by the batch size through
 * {@code @OperationsPerInvocation}):
 * <ul>
 *   <li>{@code smileSingle}: {@code forest.predict(tuple, posteriori)}, Smile's soft-vote API as a user calls it,
 *       on a {@link Tuple} of a prebuilt {@link DataFrame} (building the tuple from a {@code double[]} is not
 *       charged to Smile), the posteriori array reused;</li>
 *   <li>{@code compiledSingle}: {@code scorer.score(double[])};</li>
 *   <li>{@code smileBatch}: Smile's batch API {@code forest.predict(Tuple[], double[][])} over 1,000 tuples, the
 *       posteriori arrays reused (it returns a fresh {@code int[]} of labels, which is part of its cost);</li>
 *   <li>{@code compiledBatch}: {@code scorer.score(double[][], double[])} over the same 1,000 rows.</li>
 * </ul>
 * Single-row benchmarks cycle through the 1,000 rows, one row per call. Run with the GC profiler to see
 * allocation per operation:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ChurnScoringBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
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
    private double[][] posteriors;
    private int next;

    @Setup(Level.Trial)
    public void train() {
        FeatureSchema schema = FeatureSchema.CUSTOMER_V1;
        int p = schema.size();
        Random random = new Random(7);
        // TRAIN_ROWS to train on, then BATCH held-out rows to score
        double[][] x = new double[TRAIN_ROWS + BATCH][p];
        int[] y = new int[TRAIN_ROWS + BATCH];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = j < 13 ? Math.abs(random.nextGaussian()) * (j + 1) * 10 : (random.nextInt(6) == j - 13 ? 1 : 0);
            }
            double logit = 0.03 * x[i][0] - 0.2 * x[i][1] + 0.05 * x[i][9] * x[i][12] / 50 - 0.5
                    + random.nextGaussian();
            y[i] = logit > 0 ? 1 : 0;
        }
        String[] names = schema.columns().toArray(String[]::new);
        DataFrame df = DataFrame.of(java.util.Arrays.copyOf(x, TRAIN_ROWS), names)
                .merge(IntVector.of("churned", java.util.Arrays.copyOf(y, TRAIN_ROWS)));
        forest = RandomForest.fit(Formula.lhs("churned"), df, 100, 4, SplitRule.GINI, 12, TRAIN_ROWS / 5, 5, 1.0,
                null, LongStream.range(1, 101));
        scorer = Scorer.compile(forest, schema);
        rows = new double[BATCH][];
        tuples = new Tuple[BATCH];
        double[][] held = java.util.Arrays.copyOfRange(x, TRAIN_ROWS, TRAIN_ROWS + BATCH);
        DataFrame holdout = DataFrame.of(held, names)
                .merge(IntVector.of("churned", java.util.Arrays.copyOfRange(y, TRAIN_ROWS, TRAIN_ROWS + BATCH)));
        for (int i = 0; i < BATCH; i++) {
            rows[i] = held[i];
            tuples[i] = holdout.get(i);
        }
        out = new double[BATCH];
        posterior = new double[2];
        posteriors = new double[BATCH][2];
        double[] check = new double[2];
        List<String> mismatches = new ArrayList<>();
        scorer.score(rows, out);
        for (int i = 0; i < BATCH; i++) {
            forest.predict(tuples[i], check);
            if (Math.abs(check[1] - scorer.score(rows[i])) > 1e-12 || Math.abs(check[1] - out[i]) > 1e-12) {
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
        bh.consume(forest.predict(tuples, posteriors));
        bh.consume(posteriors);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void compiledBatch(Blackhole bh) {
        scorer.score(rows, out);
        bh.consume(out);
    }
}
