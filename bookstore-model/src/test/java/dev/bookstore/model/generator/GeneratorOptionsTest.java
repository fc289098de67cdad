package dev.bookstore.model.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorOptionsTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        GeneratorOptions d = GeneratorOptions.defaults();
        assertEquals(50_000, d.customers());
        assertEquals(5_000, d.products());
        assertEquals(12, d.months());
        assertEquals(1_000_000, d.events());
        assertEquals(42L, d.seed());
        assertFalse(d.problems());
        assertEquals(LocalDate.of(2025, 1, 1), d.start());
        assertEquals(10_000, d.ordersPerMonth());
        assertEquals(0.15, d.yearlyGrowth());
    }

    @Test
    void withersChangeOnlyTheirComponent() {
        GeneratorOptions d = GeneratorOptions.defaults();
        GeneratorOptions o =
                d.withCustomers(1000)
                        .withProducts(10)
                        .withMonths(3)
                        .withEvents(77)
                        .withSeed(7)
                        .withProblems(true)
                        .withStart(LocalDate.of(2024, 6, 15))
                        .withOrdersPerMonth(123)
                        .withYearlyGrowth(-0.5);
        assertEquals(
                new GeneratorOptions(1000, 10, 3, 77, 7, true, LocalDate.of(2024, 6, 15), 123, -0.5), o);
        assertEquals(d, o.withCustomers(50_000).withProducts(5_000).withMonths(12)
                .withEvents(1_000_000).withSeed(42).withProblems(false).withStart(LocalDate.of(2025, 1, 1))
                .withOrdersPerMonth(10_000).withYearlyGrowth(0.15));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void nonPositiveCountsAreRejectedNamingTheOption(int bad) {
        check("customers", bad, v -> GeneratorOptions.defaults().withCustomers(v));
        check("products", bad, v -> GeneratorOptions.defaults().withProducts(v));
        check("months", bad, v -> GeneratorOptions.defaults().withMonths(v));
        check("events", bad, v -> GeneratorOptions.defaults().withEvents(v));
        check("ordersPerMonth", bad, v -> GeneratorOptions.defaults().withOrdersPerMonth(v));
    }

    @Test
    void tooLargeValuesAreRejected() {
        check("months", 601, v -> GeneratorOptions.defaults().withMonths(v));
        check("customers", 50_000_001, v -> GeneratorOptions.defaults().withCustomers(v));
    }

    private static void check(String name, int value, Function<Integer, GeneratorOptions> f) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.apply(value));
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
        assertTrue(e.getMessage().endsWith("but was " + value), e.getMessage());
    }

    @Test
    void invalidGrowthAndStartAreRejected() {
        GeneratorOptions d = GeneratorOptions.defaults();
        for (double g : new double[] {-1.0, -2.0, Double.NaN, Double.POSITIVE_INFINITY, 10.5}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> d.withYearlyGrowth(g));
            assertTrue(e.getMessage().contains("yearlyGrowth"), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(g)), e.getMessage());
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> d.withStart(null));
        assertTrue(e.getMessage().contains("start"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.withStart(LocalDate.of(1800, 1, 1)));
        assertTrue(e.getMessage().contains("start") && e.getMessage().contains("1800-01-01"));
    }

    @Test
    void boundaryValuesAreAccepted() {
        GeneratorOptions o =
                GeneratorOptions.defaults()
                        .withCustomers(1)
                        .withProducts(1)
                        .withMonths(1)
                        .withEvents(1)
                        .withOrdersPerMonth(1)
                        .withYearlyGrowth(0);
        assertEquals(1, o.customers());
    }
}
