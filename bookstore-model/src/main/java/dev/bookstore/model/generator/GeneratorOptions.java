package dev.bookstore.model.generator;

import java.time.LocalDate;

/**
 * Parameters of a synthetic data set: sizes, seed, the data window and whether to plant
 * data-quality problems; same options always produce byte-identical files.
 *
 * <p>Instances are validated on construction (an {@link IllegalArgumentException} names the
 * offending option and value) and modified with the {@code withXxx} methods:
 *
 * <pre>{@code
 * GeneratorOptions opts = GeneratorOptions.defaults()
 *     .withCustomers(1000).withSeed(7).withProblems(true);
 * }</pre>
 *
 * @param customers number of customers ({@code CUST_1..CUST_n}), at least 1
 * @param products number of products ({@code BOOK_1..BOOK_n}), at least 1
 * @param months length of the data window in months, 1..600
 * @param events number of clickstream event lines, at least 1
 * @param seed random seed
 * @param problems whether to plant data-quality problems at exact, recorded counts
 * @param start first day of the window; data covers {@code [start, start + months)}
 * @param ordersPerMonth baseline number of orders in the first month (before seasonality)
 * @param yearlyGrowth yearly order growth rate, compounded monthly (0.15 = +15% a year)
 */
public record GeneratorOptions(
        int customers,
        int products,
        int months,
        int events,
        long seed,
        boolean problems,
        @IsoDate LocalDate start,
        int ordersPerMonth,
        double yearlyGrowth) {

    private static final LocalDate MIN_START = LocalDate.of(1900, 1, 1);
    private static final LocalDate MAX_START = LocalDate.of(9000, 1, 1);

    /**
     * Validates every option.
     *
     * @param customers number of customers ({@code CUST_1..CUST_n}), at least 1
     * @param products number of products ({@code BOOK_1..BOOK_n}), at least 1
     * @param months length of the data window in months, 1..600
     * @param events number of clickstream event lines, at least 1
     * @param seed random seed
     * @param problems whether to plant data-quality problems at exact, recorded counts
     * @param start first day of the window; data covers {@code [start, start + months)}
     * @param ordersPerMonth baseline number of orders in the first month (before seasonality)
     * @param yearlyGrowth yearly order growth rate, compounded monthly (0.15 = +15% a year)
     */
    public GeneratorOptions {
        requireRange("customers", customers, 1, 50_000_000);
        requireRange("products", products, 1, 10_000_000);
        requireRange("months", months, 1, 600);
        requireRange("events", events, 1, Integer.MAX_VALUE);
        requireRange("ordersPerMonth", ordersPerMonth, 1, 100_000_000);
        if (start == null) {
            throw new IllegalArgumentException("start must not be null");
        }
        if (start.isBefore(MIN_START) || start.isAfter(MAX_START)) {
            throw new IllegalArgumentException(
                    "start must be between " + MIN_START + " and " + MAX_START + " but was " + start);
        }
        if (!(yearlyGrowth > -1.0 && yearlyGrowth <= 10.0)) {
            throw new IllegalArgumentException(
                    "yearlyGrowth must be > -1.0 and <= 10.0 but was " + yearlyGrowth);
        }
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + " but was " + value);
        }
    }

    /**
     * The default options: 50,000 customers, 5,000 products, 12 months from 2025-01-01, 1,000,000
     * events, seed 42, no problems, 10,000 orders in the first month, 15% yearly growth.
     *
     * @return the defaults
     */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(
                50_000, 5_000, 12, 1_000_000, 42L, false, LocalDate.of(2025, 1, 1), 10_000, 0.15);
    }

    /**
     * Returns a copy with another number of customers.
     *
     * @param customers at least 1
     * @return the copy
     */
    public GeneratorOptions withCustomers(int customers) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy with another number of products.
     *
     * @param products at least 1
     * @return the copy
     */
    public GeneratorOptions withProducts(int products) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy with another window length.
     *
     * @param months 1..600
     * @return the copy
     */
    public GeneratorOptions withMonths(int months) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy with another number of clickstream events.
     *
     * @param events at least 1
     * @return the copy
     */
    public GeneratorOptions withEvents(int events) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy with another seed.
     *
     * @param seed any value
     * @return the copy
     */
    public GeneratorOptions withSeed(long seed) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy that does or does not plant data-quality problems.
     *
     * @param problems whether to plant problems
     * @return the copy
     */
    public GeneratorOptions withProblems(boolean problems) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy with another window start.
     *
     * @param start between 1900-01-01 and 9000-01-01
     * @return the copy
     */
    public GeneratorOptions withStart(LocalDate start) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy with another first-month order baseline.
     *
     * @param ordersPerMonth at least 1
     * @return the copy
     */
    public GeneratorOptions withOrdersPerMonth(int ordersPerMonth) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }

    /**
     * Returns a copy with another yearly growth rate.
     *
     * @param yearlyGrowth greater than -1.0, at most 10.0
     * @return the copy
     */
    public GeneratorOptions withYearlyGrowth(double yearlyGrowth) {
        return new GeneratorOptions(
                customers, products, months, events, seed, problems, start, ordersPerMonth, yearlyGrowth);
    }
}
