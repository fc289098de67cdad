package dev.bookstore.etl;

import dev.bookstore.model.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Rows of a query against another database (say the shop's operational orders database), loaded by
 * {@link Ingest} like the rows of a file: the query's columns are matched by name (case-insensitive) to the input
 * columns of the source's file format ({@code order_id, customer_id, order_date, ...} for orders), a missing
 * required column refuses the source with a message naming it, other columns are ignored and reported; every row
 * goes through the same rules, quarantine and duplicate detection.
 *
 * <p>Incremental: with {@link #incrementalBy(String) a watermark column} (an ever-growing id, or an
 * {@code updated_at} timestamp), the highest value loaded is stored under the source's {@link #name()} in
 * {@code meta.ingest_watermarks}, in the same transaction as the rows; the next load reads only the rows above it
 * ({@code SELECT * FROM (query) src WHERE src.column > ?}). Rows whose watermark is {@code NULL}, or that are
 * committed later with a value at or below the stored one, are not read again: use a column that the source sets
 * when it commits. A row read again (an updated order line) is a duplicate by its natural key: the raw layer keeps
 * the first version. Numbers, dates and timestamps can be watermarks. Without a watermark column every load reads
 * the whole query, and rows already loaded are duplicates.
 *
 * <p>Values are read by type: {@code DATE} as {@code yyyy-MM-dd}, {@code TIMESTAMP} (without zone) as UTC,
 * {@code TIMESTAMP WITH TIME ZONE} as its instant, numbers in plain notation, everything else as text.
 *
 * <pre>{@code
 * JdbcSource shop = JdbcSource.of(shopDataSource, "SELECT * FROM order_lines")
 *         .incrementalBy("updated_at")
 *         .named("shop-order-lines");
 * IngestReport first = Ingest.into(warehouse).orders(shop).run();   // everything
 * IngestReport next = Ingest.into(warehouse).orders(shop).run();    // only rows updated since
 * }</pre>
 *
 * @param name the key of the stored watermark and the {@code source_name} of its rows (at most 300 characters)
 * @param dataSource where the query runs; borrowed for the load, never closed
 * @param query a {@code SELECT} statement
 * @param watermarkColumn the column the source is read incrementally by, if any
 */
public record JdbcSource(String name, DataSource dataSource, String query, Optional<String> watermarkColumn) {
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** Validates the name, the query and the watermark column. */
    public JdbcSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(watermarkColumn, "watermarkColumn");
        if (name.isBlank() || name.length() > 300) {
            throw new InvalidArgumentException("a JDBC source name must be 1 to 300 characters, not '" + name + "'");
        }
        if (query.isBlank()) {
            throw new InvalidArgumentException("the query of JDBC source '" + name + "' is empty");
        }
        watermarkColumn.ifPresent(c -> {
            if (!COLUMN.matcher(c).matches()) {
                throw new InvalidArgumentException("watermark column '" + c + "' of JDBC source '" + name
                        + "' is not a "
                        + "plain column name (letters, digits, _)");
            }
        });
    }

    /**
     * The rows of {@code query} on {@code dataSource}, read in full on every load, named {@code jdbc-} followed
     * by a digest of the query (so changing the query starts a new source).
     */
    public static JdbcSource of(DataSource dataSource, String query) {
        Objects.requireNonNull(query, "query");
        String digest = LoadLog.hex(LoadLog.sha256().digest(query.getBytes(StandardCharsets.UTF_8)));
        return new JdbcSource("jdbc-" + digest.substring(0, 16), dataSource, query, Optional.empty());
    }

    /** The rows of {@code query}, read incrementally by {@code watermarkColumn} (see {@link #incrementalBy}). */
    public static JdbcSource of(DataSource dataSource, String query, String watermarkColumn) {
        return of(dataSource, query).incrementalBy(watermarkColumn);
    }

    /** A copy read incrementally by {@code column}: each load reads only rows whose value is above the last. */
    public JdbcSource incrementalBy(String column) {
        Objects.requireNonNull(column, "column");
        return new JdbcSource(name, dataSource, query, Optional.of(column));
    }

    /** A copy named {@code sourceName}: the key its watermark is stored under. */
    public JdbcSource named(String sourceName) {
        return new JdbcSource(sourceName, dataSource, query, watermarkColumn);
    }

    @Override
    public String toString() {
        return "JdbcSource[" + name + watermarkColumn.map(c -> ", incremental by " + c).orElse("") + "]";
    }
}
