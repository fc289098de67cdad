package dev.bookstore.etl;

import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How one kind of source is read, validated and written: the reading of its format into {@link Candidate}s,
 * its default rules, its duplicate detection and the mapping of a row to its raw table's columns. One instance
 * serves one load (it holds the load's duplicate state).
 *
 * @param <T> the typed row
 */
interface Plan<T> {
    /** The kind of source. */
    SourceKind kind();

    /** The raw table's data columns written for each row, lineage columns excluded. */
    List<String> columns();

    /** The values of {@link #columns()} for {@code row}, in order. */
    Object[] values(T row);

    /** The rules applied to every row that parsed, in order. */
    List<Rule<T>> rules();

    /** Reads what the load needs from the warehouse (known keys), inside the load's transaction. */
    default void prepare(Connection c) throws SQLException {
    }

    /**
     * Whether {@code row} is the first valid row with its key (then it is remembered and loaded); false makes it
     * a duplicate.
     */
    default boolean claim(T row) {
        return true;
    }

    /**
     * Reads {@code input} to the end, passing every row to {@code sink}.
     *
     * @param sourceName the file name, for messages
     * @return the input columns or keys that are not part of the format and were ignored
     * @throws InputException when the input cannot be read (naming the file)
     */
    List<String> read(String sourceName, Reader input, Consumer<Candidate<T>> sink);

    /**
     * Parses one row given as values by input column name (as a file row would carry them), e.g. a model record
     * turned into text; validation is the same as for a file.
     *
     * @param position 1-based position of the row in its source
     */
    Candidate<T> candidate(long position, Map<String, String> values);
}
