package dev.bookstore.benchmarks;

import dev.bookstore.ml.Recommender;
import dev.bookstore.ml.RecommenderEvaluation;
import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recommender training with its out-of-time evaluation ({@code Recommender.train(wh, asOf)}: SQL co-occurrence and
 * counts twice, every method fitted and evaluated up to as-of − 30 days, the chosen one refitted up to as-of) on
 * the warehouse at {@code -Dbookstore.db=URL} (default: the quickstart's DuckDB file, the default data set).
 * Single shots; prints the evaluation table of the first one.
 *
 * <pre>
 * java -Dbookstore.db=jdbc:duckdb:./bookstore-data/bookstore.duckdb -jar benchmarks/target/benchmarks.jar \
 *     RecommenderTrainBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RecommenderTrainBenchmark {
    private Warehouse wh;
    private LocalDate asOf;
    private boolean printed;

    @Setup(Level.Trial)
    public void connect() {
        wh = Warehouse.connect(System.getProperty("bookstore.db", "jdbc:duckdb:./bookstore-data/bookstore.duckdb"));
        asOf = LocalDate.parse(System.getProperty("bookstore.asOf", "2025-12-31"));
    }

    @Benchmark
    public Recommender train() {
        Recommender recs = Recommender.train(wh, asOf);
        if (!printed) {
            printed = true;
            System.err.println(recs.evaluation().map(RecommenderEvaluation::report).orElse(""));
        }
        return recs;
    }

    @TearDown
    public void close() {
        wh.close();
    }
}
