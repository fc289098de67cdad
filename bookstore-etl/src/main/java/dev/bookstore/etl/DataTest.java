package dev.bookstore.etl;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A data test: a query returning the rows of a model that break a rule; the test passes when it returns none.
 * Generic tests are declared beside a model's columns ({@code not_null}, {@code unique},
 * {@code accepted_values(a, b)}, {@code relationships(model.column)}); custom tests are SQL files of their own.
 */
sealed interface DataTest permits DataTest.NotNull, DataTest.Unique, DataTest.AcceptedValues,
        DataTest.Relationships, DataTest.Custom {

    /** The test's unique name. */
    String name();

    /** The model it checks. */
    String model();

    /** What a failure means. */
    DataTestResult.Severity severity();

    /** How it is written in a model header, for the docs, e.g. {@code accepted_values(a, b)}. */
    String declaration();

    /**
     * The query returning the failing rows, unrendered ({@code ${...}} and {@code {{...}}} still in it).
     *
     * @param relation the {@code ${layer:name}} reference of a model by name
     */
    String failingRowsSql(java.util.function.Function<String, String> relation);

    private static String suffix(DataTestResult.Severity s) {
        return s == DataTestResult.Severity.WARN ? " warn" : "";
    }

    /** The column is never NULL. */
    record NotNull(String model, String column, DataTestResult.Severity severity) implements DataTest {
        @Override
        public String name() {
            return "not_null_" + model + "_" + column;
        }

        @Override
        public String declaration() {
            return "not_null" + suffix(severity);
        }

        @Override
        public String failingRowsSql(java.util.function.Function<String, String> relation) {
            return "SELECT " + column + " FROM " + relation.apply(model) + " WHERE " + column + " IS NULL";
        }
    }

    /** The columns together identify a row: no two rows share their (non-NULL) values. */
    record Unique(String model, List<String> columns, DataTestResult.Severity severity) implements DataTest {
        public Unique {
            columns = List.copyOf(columns);
        }

        @Override
        public String name() {
            return "unique_" + model + "_" + String.join("_", columns);
        }

        @Override
        public String declaration() {
            return (columns.size() == 1 ? "unique" : "unique(" + String.join(", ", columns) + ")")
                    + suffix(severity);
        }

        @Override
        public String failingRowsSql(java.util.function.Function<String, String> relation) {
            String cols = String.join(", ", columns);
            String notNull = columns.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND "));
            return "SELECT " + cols + " FROM " + relation.apply(model) + " WHERE " + notNull + " GROUP BY " + cols
                    + " HAVING COUNT(*) > 1";
        }
    }

    /** The column holds only these values (or NULL). */
    record AcceptedValues(String model, String column, List<String> values, DataTestResult.Severity severity)
            implements DataTest {
        public AcceptedValues {
            values = List.copyOf(values);
        }

        @Override
        public String name() {
            return "accepted_values_" + model + "_" + column;
        }

        @Override
        public String declaration() {
            return "accepted_values(" + String.join(", ", values) + ")" + suffix(severity);
        }

        @Override
        public String failingRowsSql(java.util.function.Function<String, String> relation) {
            // whole numbers are written as numbers (a number column compared with text fails on Trino and
            // PostgreSQL), everything else as text
            boolean numbers = values.stream().allMatch(v -> v.matches("-?[0-9]+"));
            String list = values.stream().map(v -> numbers ? v : "'" + v + "'").collect(Collectors.joining(", "));
            return "SELECT " + column + " FROM " + relation.apply(model) + " WHERE " + column + " IS NOT NULL AND "
                    + column + " NOT IN (" + list + ")";
        }
    }

    /** Every non-NULL value of the column exists in {@code toModel.toColumn}. */
    record Relationships(String model, String column, String toModel, String toColumn,
                         DataTestResult.Severity severity) implements DataTest {
        @Override
        public String name() {
            return "relationships_" + model + "_" + column + "__" + toModel + "_" + toColumn;
        }

        @Override
        public String declaration() {
            return "relationships(" + toModel + "." + toColumn + ")" + suffix(severity);
        }

        @Override
        public String failingRowsSql(java.util.function.Function<String, String> relation) {
            return "SELECT c." + column + " FROM " + relation.apply(model) + " c WHERE c." + column
                    + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + relation.apply(toModel) + " p WHERE p."
                    + toColumn + " = c." + column + ")";
        }
    }

    /**
     * A test of its own, from a SQL file under {@code models/tests/}: its query returns the failing rows.
     *
     * @param description what rule it checks, for the docs
     * @param sql the query, unrendered
     * @param resource where it was read from
     */
    record Custom(String name, String model, DataTestResult.Severity severity, String description, String sql,
                  String resource) implements DataTest {
        public Custom {
            Objects.requireNonNull(sql, "sql");
        }

        @Override
        public String declaration() {
            return name + suffix(severity);
        }

        @Override
        public String failingRowsSql(java.util.function.Function<String, String> relation) {
            return sql;
        }
    }
}
