/**
 * Ingestion: turns raw files (and, later, other systems) into rows of the warehouse's raw layer, accounting for
 * every input row as loaded, rejected (quarantined with its reasons) or duplicate.
 *
 * <p>The public surface is {@link dev.bookstore.etl.Ingest} with its {@link dev.bookstore.etl.IngestOptions},
 * and the {@link dev.bookstore.etl.IngestReport} it returns; everything else is package-private.
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(warehouse)
 *         .orders(Path.of("raw_orders.csv"))
 *         .run();
 * }</pre>
 */
package dev.bookstore.etl;
