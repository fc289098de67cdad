package dev.bookstore.examples.cli;

import dev.bookstore.model.WarehouseException;
import dev.bookstore.model.generator.Generator;
import dev.bookstore.model.generator.GeneratorOptions;
import dev.bookstore.model.generator.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the generator for the CLI, with progress on stderr, and reads back what a folder already holds. */
final class DataSet {
    /** The data files in the order the generator lists them. */
    static final List<String> FILES = List.of(Generator.ORDERS_FILE, Generator.CUSTOMERS_FILE,
            Generator.PRODUCTS_FILE, Generator.EVENTS_FILE);

    private DataSet() {
    }

    /**
     * A data set on disk.
     *
     * @param dir the folder holding the files
     * @param manifest its manifest
     * @param sizes bytes per data file name
     * @param time how long generating took (zero when it was reused)
     */
    record Generated(Path dir, Manifest manifest, Map<String, Long> sizes, Duration time) {
        long sizeOf(String file) {
            return sizes.getOrDefault(file, 0L);
        }

        long rows() {
            return manifest.files().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Generates {@code options} into {@code dir}, showing the bytes written so far on {@code err} if it is slow. */
    static Generated generate(GeneratorOptions options, Path dir, PrintWriter err, boolean terminal) {
        long t0 = System.nanoTime();
        Manifest manifest;
        try {
            manifest = Progress.during(err, terminal, "generating", () -> Units.bytes(written(dir)) + " written",
                    () -> Generator.generate(options, dir));
        } catch (IOException e) {
            throw new WarehouseException("cannot generate the data set into " + dir + ": " + ErrorText.of(e), e);
        }
        return new Generated(dir, manifest, sizes(dir), Units.since(t0));
    }

    /** The data set in {@code dir} if it was generated with exactly {@code options} and all its files are there. */
    static Optional<Generated> existing(GeneratorOptions options, Path dir) {
        if (!Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))
                || !FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            return Optional.empty();
        }
        try {
            Manifest m = Manifest.read(dir);
            return m.options().equals(options) && m.formatVersion() == Manifest.FORMAT_VERSION
                    ? Optional.of(new Generated(dir, m, sizes(dir), Duration.ZERO))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable or from another version: generate afresh
        }
    }

    /** The planted problem counts of {@code m} as one line. */
    static String describeProblems(Manifest m) {
        Manifest.Problems p = m.truth().problems();
        return Units.count(p.duplicateOrderLines()) + " duplicate order lines, "
                + Units.count(p.missingShippingState()) + " missing shipping states, "
                + Units.count(p.dayFirstDates()) + " dd/MM/yyyy dates, "
                + Units.count(p.negativePrices()) + " negative prices, "
                + Units.count(p.unknownProducts()) + " unknown products, "
                + Units.count(p.futureDates()) + " future dates, "
                + Units.count(p.malformedJsonLines()) + " malformed JSON lines";
    }

    private static Map<String, Long> sizes(Path dir) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String f : FILES) {
            sizes.put(f, size(dir.resolve(f)));
        }
        return sizes;
    }

    private static long written(Path dir) {
        return FILES.stream().mapToLong(f -> size(dir.resolve(f))).sum();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
