package dev.bookstore.etl;

import dev.bookstore.model.sql.TableName;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How one format of one kind of source is read, validated and written: the reading of its format into
 * {@link Candidate}s, its default rules, its natural key (duplicate policy) and the mapping of a row to its raw
 * table's columns. One instance serves one load; the state it keeps does not grow with the input (at most the
 * catalogue's product ids, for the {@code unknown_product} rule).
 *
 * @param <T> the typed row
 */
interface Plan<T> {
    /** The kind of source. */
    SourceKind kind();

    /** The format's stable code, stored with each load so that quarantined rows can be replayed. */
    String format();

    /**
     * The raw table's data columns written for each row; lineage columns ({@code source_name, source_line,
     * load_id}) and computed ones ({@code line_no}) excluded.
     */
    List<String> columns();

    /**
     * Columns that only the load's scratch table has (name to SQL type), written after {@link #columns()}, e.g.
     * an Online Retail line's description, from which products are derived.
     */
    default Map<String, String> stageOnlyColumns() {
        return Map.of();
    }

    /** The values of {@link #columns()} then {@link #stageOnlyColumns()} for {@code row}, in order. */
    Object[] values(T row);

    /** The rules applied to every row that parsed, in order. */
    List<Rule<T>> rules();

    /** Which rows are duplicates of each other. */
    NaturalKey naturalKey();

    /**
     * Whether this source is reference data whose latest load wins: a valid row whose key is already loaded
     * replaces the loaded row when any of its values differ (it is counted as loaded and as updated), and is a
     * duplicate only when all its values are equal; within one load, the last row with a key wins. Otherwise
     * (facts: order lines, events) the first row with a key is kept and every later one is a duplicate.
     */
    default boolean latestWins() {
        return false;
    }

    /** Whether the raw table numbers the lines of an order ({@code line_no}, computed when rows are moved). */
    default boolean numbersLines() {
        return false;
    }

    /**
     * The columns of the raw table that duplicate look-ups need an index on, created when missing by the load
     * (on databases that use indexes for joins); empty when the primary key serves.
     */
    default List<String> lookupIndex() {
        return List.of();
    }

    /** Reads what the load needs from the warehouse (known product ids), inside the load's transaction. */
    default void prepare(Connection c) throws SQLException {
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
     * The header the last {@link #read} found (re-encoded as a CSV line), else the format's own column list; empty
     * for formats without a header. Stored with each load so that quarantined rows can be parsed again.
     */
    Optional<String> header();

    /**
     * Parses one row given as values by input column name (as a file row would carry them), e.g. a model record
     * turned into text; validation is the same as for a file.
     *
     * @param position 1-based position of the row in its source
     */
    Candidate<T> candidate(long position, Map<String, String> values);

    /**
     * Parses a quarantined row's raw text again.
     *
     * @param header the header stored with the row's load (CSV formats), or empty for the format's own columns
     * @param rawText the row as it was read
     * @param line the row's original line
     */
    Candidate<T> reparse(Optional<String> header, String rawText, long line);

    /**
     * Derives rows of other raw tables from this load's staged rows (inside the load's transaction), e.g. the
     * products named by Online Retail lines; the default derives nothing.
     *
     * @return one report per derived source
     */
    default List<SourceReport> derive(Connection c, TableName stage, String loadId, String sourceName)
            throws SQLException {
        return List.of();
    }
}
