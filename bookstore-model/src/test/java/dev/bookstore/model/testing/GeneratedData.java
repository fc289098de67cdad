package dev.bookstore.model.testing;

import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated data set for tests: the generator's files written once per JVM and options into a temporary folder
 * (deleted when the JVM exits), with their manifest. The one place tests generate data to share.
 *
 * <pre>{@code
 * GeneratedData data = GeneratedData.of(GeneratorOptions.defaults().withCustomers(2_000).withSeed(7));
 * Ingest.into(wh).directory(data.dir()).run();
 * }</pre>
 *
 * @param dir the folder holding the generator's files
 * @param manifest the generator's manifest (counts and planted truth)
 */
public record GeneratedData(Path dir, Manifest manifest) {
    private static final Map<GeneratorOptions, GeneratedData> GENERATED = new ConcurrentHashMap<>();

    /** The data set of {@code options}, generated on first use. */
    public static GeneratedData of(GeneratorOptions options) {
        return GENERATED.computeIfAbsent(options, GeneratedData::generate);
    }

    private static GeneratedData generate(GeneratorOptions options) {
        try {
            Path dir = Files.createTempDirectory("bookstore-test-data");
            Manifest manifest = Generator.generate(options, dir);
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().deleteOnExit());
            }
            dir.toFile().deleteOnExit();
            return new GeneratedData(dir, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
