package dev.bookstore.benchmarks;

import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to generate a whole data set with the defaults of {@code bookstore generate} (50,000 customers, 5,000
 * books, 12 months, 1,000,000 events), with and without planted problems. One shot per iteration: generation is
 * a batch job, so the figure that matters is the wall-clock time of one run.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GeneratorBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GeneratorBenchmark {
    @Param({"false", "true"})
    boolean problems;

    private Path dir;

    @Setup(Level.Iteration)
    public void createDir() throws IOException {
        dir = Files.createTempDirectory("bookstore-gen-bench");
    }

    @TearDown(Level.Iteration)
    public void deleteDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Manifest defaultDataSet() throws IOException {
        return Generator.generate(GeneratorOptions.defaults().withProblems(problems), dir);
    }
}
