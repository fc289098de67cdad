/**
 * Deterministic synthetic bookstore data with planted, documented ground truth.
 *
 * <p>The public API is {@link dev.bookstore.model.generator.GeneratorOptions} (what to generate),
 * {@link dev.bookstore.model.generator.Generator#generate} (writes {@code raw_orders.csv}, {@code
 * raw_customers.csv}, {@code raw_products.csv}, {@code clickstream_events.jsonl} and {@code
 * manifest.json}) and {@link dev.bookstore.model.generator.Manifest} (row counts and the truth
 * that tests and examples can check analytics against):
 *
 * <pre>{@code
 * Manifest m = Generator.generate(GeneratorOptions.defaults().withProblems(true), Path.of("out"));
 * long duplicates = m.truth().problems().duplicateOrderLines();
 * }</pre>
 *
 * <p>Everything else is package-private. Output is a pure function of the options: every random
 * draw comes from {@link java.util.SplittableRandom} streams split from the seed, transcendental
 * functions use {@link java.lang.StrictMath}, text is formatted without the default locale or time
 * zone, and no hash-ordered collection is iterated.
 */
package dev.bookstore.model.generator;
