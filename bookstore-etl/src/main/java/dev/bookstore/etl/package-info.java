/**
 * Ingestion: turns raw files (the generator's CSV, UCI Online Retail CSV, JSON Lines), query results of other
 * databases and model records into rows of the warehouse's raw layer, accounting for every input row as loaded,
 * rejected (quarantined with its reasons, replayable) or duplicate (found by the database, by natural key).
 *
 * <p>The public surface of ingestion is {@link dev.bookstore.etl.Ingest} with its
 * {@link dev.bookstore.etl.IngestOptions} and {@link dev.bookstore.etl.JdbcSource}, and the
 * {@link dev.bookstore.etl.IngestReport} it returns; the rest of ingestion is package-private.
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(warehouse)
 *         .orders(Path.of("raw_orders.csv"))
 *         .run();
 * }</pre>
 */
package dev.bookstore.etl;
