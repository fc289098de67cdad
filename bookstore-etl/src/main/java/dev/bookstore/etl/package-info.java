/**
 * Ingestion, transformation and the pipeline of both, behind four front doors: {@link dev.bookstore.etl.Ingest}
 * (raw files — the generator's CSV, UCI Online Retail CSV, JSON Lines — query results of other databases and model
 * records into the warehouse's raw layer, every input row accounted for as loaded, rejected into a replayable
 * quarantine with its reasons, or a duplicate found by natural key), {@link dev.bookstore.etl.Transform} (the
 * model graph: SQL models in layers staging → intermediate → marts read from resources, their materialisation
 * (table, view, incremental, snapshot), data tests, documentation and grants),
 * {@link dev.bookstore.etl.Pipeline} (ingest → transform → data tests, logged, locked and resumable) and
 * {@link dev.bookstore.etl.KafkaStream} (Kafka topics into the raw layer in micro-batches, exactly once, with
 * Ingest's rules and quarantine; needs the optional dependency {@code org.apache.kafka:kafka-clients}).
 *
 * <p>Public besides the front doors are their options ({@link dev.bookstore.etl.IngestOptions},
 * {@link dev.bookstore.etl.TransformOptions}, {@link dev.bookstore.etl.JdbcSource},
 * {@link dev.bookstore.etl.StreamOptions}), a running stream ({@link dev.bookstore.etl.StreamRun}) and the values
 * they return ({@link dev.bookstore.etl.StreamReport}, {@link dev.bookstore.etl.IngestReport},
 * {@link dev.bookstore.etl.TransformReport}, {@link dev.bookstore.etl.DataTestReport}, {@link dev.bookstore.etl.DocsFiles},
 * {@link dev.bookstore.etl.GrantResult}); the engines — ingest plans and sinks, the model graph, builder, runner
 * and run log — are package-private.
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(warehouse).directory(Path.of("incoming")).run();
 * TransformReport models = Transform.on(warehouse).run();
 * DataTestReport tests = Transform.on(warehouse).test();
 * }</pre>
 */
package dev.bookstore.etl;
