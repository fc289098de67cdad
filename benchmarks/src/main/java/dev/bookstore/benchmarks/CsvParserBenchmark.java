package dev.bookstore.benchmarks;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measurement behind the choice of CSV parser for ingest (issue 4: "FastCSV or jackson-dataformat-csv; pick by
 * measurement"): the generator's {@code raw_orders.csv} (≈ 270,000 lines, 15 columns, quoted fields) read to the
 * end by each parser the way ingest reads it — strict UTF-8 decoding, the header first, then every field of every
 * record touched — so that only the parsers differ. Each benchmark returns the number of characters in all fields,
 * which must be equal for both (checked in setup).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CsvParserBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CsvParserBenchmark {
    private Path dir;
    private Path orders;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("bookstore-csv-bench");
        Generator.generate(GeneratorOptions.defaults().withEvents(1_000), dir);
        orders = dir.resolve(Generator.ORDERS_FILE);
        long a = fastCsv();
        long b = jacksonCsv();
        if (a != b || a == 0) {
            throw new IllegalStateException("the parsers disagree: FastCSV read " + a + " characters, Jackson " + b);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Reader utf8() throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(orders), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** FastCSV 4, configured as ingest configures it. */
    @Benchmark
    public long fastCsv() throws IOException {
        long chars = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(utf8())) {
            for (CsvRecord r : csv) {
                for (int i = 0; i < r.getFieldCount(); i++) {
                    chars += r.getField(i).length();
                }
            }
        }
        return chars;
    }

    /** jackson-dataformat-csv, each record as a {@code String[]} (its fastest untyped mode). */
    @Benchmark
    public long jacksonCsv() throws IOException {
        long chars = 0;
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(utf8())) {
            while (it.hasNextValue()) {
                for (String f : it.nextValue()) {
                    chars += f.length();
                }
            }
        }
        return chars;
    }
}
