/**
 * The model graph behind {@link dev.bookstore.etl.Transform} and {@link dev.bookstore.etl.Pipeline}: SQL models in
 * layers (staging → intermediate → marts) read from resources, their materialisation (table, view, incremental,
 * snapshot), data tests, documentation and grants.
 *
 * <p>Public here are the values the front doors return ({@link dev.bookstore.etl.transform.TransformReport},
 * {@link dev.bookstore.etl.transform.DataTestReport}, {@link dev.bookstore.etl.transform.DocsFiles},
 * {@link dev.bookstore.etl.transform.GrantResult}), the options
 * ({@link dev.bookstore.etl.transform.TransformOptions}) and the engine
 * {@link dev.bookstore.etl.transform.ModelProject} (not a stable API); everything else is package-private.
 *
 * <pre>{@code
 * TransformReport report = Transform.on(warehouse).run();
 * DataTestReport tests = Transform.on(warehouse).test();
 * }</pre>
 */
package dev.bookstore.etl.transform;
