package dev.bookstore.etl;

import dev.bookstore.model.sql.Layer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One model as declared by its resource file: what it is called, where it lives, how it is kept, its columns and
 * tests, and its SQL (a SELECT with {@code ${layer:name}} references and {@code {{macro(...)}}} dialect fragments).
 *
 * @param name the model's name, also its table or view name within the layer
 * @param layer staging, intermediate or marts
 * @param materialization how it is kept
 * @param description what a row is, for the docs
 * @param columns the declared columns, in order; the SELECT must return each by name
 * @param uniqueKey the columns that identify a row (required for incremental and snapshot models)
 * @param indexes the declared look-up indexes, each a list of columns
 * @param partitionBy how a database without indexes partitions the table (a column or year|month|day(column))
 * @param incremental the date column and look-back window of an incremental model
 * @param snapshot the history settings of a snapshot model
 * @param tests generic tests declared beside the model and its columns
 * @param sql the SELECT, unrendered
 * @param resource where it was read from, for messages
 * @param dependsOn the models it reads (its {@code ${staging|intermediate|marts:name}} references)
 * @param sources the raw tables it reads (its {@code ${raw:name}} references)
 */
record Model(String name, Layer layer, Materialization materialization, String description,
             List<ModelColumn> columns, List<String> uniqueKey, List<List<String>> indexes,
             List<String> partitionBy, Optional<Incremental> incremental,
             Optional<Snapshot> snapshot, List<DataTest> tests, String sql, String resource, Set<String> dependsOn,
             Set<String> sources) {
    Model {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        columns = List.copyOf(columns);
        uniqueKey = List.copyOf(uniqueKey);
        indexes = indexes.stream().map(List::copyOf).toList();
        partitionBy = List.copyOf(partitionBy);
        tests = List.copyOf(tests);
        dependsOn = Set.copyOf(dependsOn);
        sources = Set.copyOf(sources);
    }

    List<String> columnNames() {
        return columns.stream().map(ModelColumn::name).toList();
    }

    Optional<ModelColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /**
     * The look-back window of an incremental model.
     *
     * @param dateColumn a DATE column; each run recomputes the rows on or after (newest stored date − lookbackDays)
     * @param lookbackDays how many days before the newest stored date late data may still arrive
     */
    record Incremental(String dateColumn, int lookbackDays) {
    }

    /**
     * The history settings of a snapshot model (slowly changing dimension, type 2). The runner maintains the
     * columns {@code versionKey}, {@code version_number}, {@code valid_from}, {@code valid_to} (exclusive;
     * 9999-12-31 while current) and {@code is_current}; the model's SELECT returns the others, one row per
     * {@link Model#uniqueKey()}.
     *
     * @param versionKey the column holding {@code <key>#<version_number>}, unique per version
     * @param checkColumns the columns whose change opens a new version; the others are overwritten in place
     * @param initialValidFrom a DATE column giving the first version's {@code valid_from} (else the snapshot day)
     */
    record Snapshot(String versionKey, List<String> checkColumns, Optional<String> initialValidFrom) {
        static final List<String> MANAGED = List.of("version_number", "valid_from", "valid_to", "is_current");

        List<String> managedColumns() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(versionKey), MANAGED.stream()).toList();
        }
    }
}
