package dev.bookstore.ml;

import dev.bookstore.model.InvalidArgumentException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Customer feature vectors as of one day: one row per customer, ordered by customer id, columns as in
 * {@link #schema()}. Immutable: {@link #row(int)} hands out copies.
 *
 * <pre>{@code
 * FeatureTable t = Features.of(wh).asOf(LocalDate.parse("2025-09-30"));
 * double[] x = t.row("CUST_42").orElseThrow();
 * }</pre>
 */
public final class FeatureTable {
    private final FeatureSchema schema;
    private final LocalDate asOf;
    private final List<String> customerIds;
    private final double[][] rows;
    private final Map<String, Integer> index = new HashMap<>();

    FeatureTable(FeatureSchema schema, LocalDate asOf, List<String> customerIds, double[][] rows) {
        if (customerIds.size() != rows.length) {
            throw new InvalidArgumentException("feature table has " + customerIds.size() + " ids but " + rows.length
                    + " rows");
        }
        this.schema = schema;
        this.asOf = asOf;
        this.customerIds = List.copyOf(customerIds);
        this.rows = rows;
        for (int i = 0; i < customerIds.size(); i++) {
            index.put(customerIds.get(i), i);
        }
    }

    /** @return the column names */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the as-of day the features describe */
    public LocalDate asOf() {
        return asOf;
    }

    /** @return the customer ids, one per row, ascending */
    public List<String> customerIds() {
        return customerIds;
    }

    /** @return the number of rows */
    public int size() {
        return rows.length;
    }

    /**
     * @param i row index
     * @return a copy of row {@code i}
     */
    public double[] row(int i) {
        return rows[i].clone();
    }

    /**
     * @param customerId a customer id
     * @return a copy of that customer's row, or empty when the customer is not in the table
     */
    public Optional<double[]> row(String customerId) {
        Integer i = index.get(customerId);
        return i == null ? Optional.empty() : Optional.of(rows[i].clone());
    }

    /** @return a deep copy of all rows */
    public double[][] matrix() {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** The rows without copying, for this package's training code. */
    double[][] rowsUnsafe() {
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureTable t && schema.equals(t.schema) && asOf.equals(t.asOf)
                && customerIds.equals(t.customerIds) && Arrays.deepEquals(rows, t.rows);
    }

    @Override
    public int hashCode() {
        return customerIds.hashCode() * 31 + Arrays.deepHashCode(rows);
    }

    @Override
    public String toString() {
        return "FeatureTable[" + schema.name() + ", asOf=" + asOf + ", " + rows.length + " customers]";
    }
}
