package dev.bookstore.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {

    static final List<String> FILES =
            List.of(
                    Generator.ORDERS_FILE,
                    Generator.CUSTOMERS_FILE,
                    Generator.PRODUCTS_FILE,
                    Generator.EVENTS_FILE,
                    Manifest.FILE_NAME);

    @Test
    void sameOptionsGiveByteIdenticalFilesWhateverTheLocaleAndZone(@TempDir Path tmp)
            throws Exception {
        GeneratorOptions opts = TestData.small().withProblems(true);
        Manifest a = Generator.generate(opts, tmp.resolve("a"));
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        Manifest b;
        try {
            // a locale with ',' decimals and a far-away zone must not change a single byte
            Locale.setDefault(Locale.GERMANY);
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            b = Generator.generate(opts, tmp.resolve("b"));
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertEquals(a, b);
        for (String f : FILES) {
            Path fa = tmp.resolve("a").resolve(f);
            Path fb = tmp.resolve("b").resolve(f);
            assertTrue(Files.size(fa) > 0, f);
            assertEquals(-1L, Files.mismatch(fa, fb), f + " differs");
        }
    }

    @Test
    void differentSeedGivesDifferentFiles(@TempDir Path tmp) throws Exception {
        GeneratorOptions opts = TestData.small();
        Generator.generate(opts, tmp.resolve("a"));
        Generator.generate(opts.withSeed(opts.seed() + 1), tmp.resolve("b"));
        for (String f :
                List.of(
                        Generator.ORDERS_FILE,
                        Generator.CUSTOMERS_FILE,
                        Generator.PRODUCTS_FILE,
                        Generator.EVENTS_FILE)) {
            assertNotEquals(
                    -1L, Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void regeneratingIntoTheSameDirectoryReplacesFiles(@TempDir Path tmp) throws Exception {
        GeneratorOptions opts = TestData.small().withEvents(5_000);
        Generator.generate(opts.withSeed(1), tmp);
        Manifest m = Generator.generate(opts, tmp);
        assertEquals(m, Manifest.read(tmp));
        Generator.generate(opts, tmp.resolve("fresh"));
        for (String f : FILES) {
            assertEquals(-1L, Files.mismatch(tmp.resolve(f), tmp.resolve("fresh").resolve(f)), f);
        }
    }
}
