package dev.bookstore.model.sql;

import java.util.Locale;

/**
 * The layers of the warehouse. Where the database has schemas (DuckDB, PostgreSQL, H2) each layer is a schema;
 * MariaDB has no schemas inside a database, so there each layer is a table-name prefix ({@code raw_orders}).
 */
public enum Layer {
    /** Validated rows as ingested, plus quarantine. */
    RAW,
    /** Typed, deduplicated, standardised copies of each source. */
    STAGING,
    /** Intermediate models between staging and marts. */
    INTERMEDIATE,
    /** Facts and dimensions that metrics read. */
    MARTS,
    /** Bookkeeping: schema version, settings, run logs. */
    META;

    /** The lower-case word used in schema names and prefixes, e.g. {@code raw}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
