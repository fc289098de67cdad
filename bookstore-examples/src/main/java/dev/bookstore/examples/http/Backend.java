package dev.bookstore.examples.http;

import dev.bookstore.metrics.Metrics;
import dev.bookstore.model.Warehouse;
import java.time.LocalDate;
import java.util.function.LongSupplier;
import dev.bookstore.model.sql.SqlResources;

/**
 * What the routes work with: the warehouse, its metrics (one shared cache), the model shelf and the telemetry.
 *
 * @param warehouse the warehouse (read-only, except the model-health log)
 * @param metrics the metrics over it
 * @param models the hot-reloaded model files
 * @param telemetry the service's measurements
 * @param knownDataVersion the data version the service's refresher read last ({@link #dataVersion()}; -1 before
 *                         the first look): results computed from the warehouse are kept while it stays the same
 */
record Backend(Warehouse warehouse, Metrics metrics, ModelShelf models, Telemetry telemetry,
               LongSupplier knownDataVersion) {

    /** The SQL resource {@code name}.sql beside this package's classes, rendered for the warehouse. */
    String sql(String name) {
        return warehouse.render(SqlResources.load(Backend.class, "Backend/" + name));
    }

    /** The warehouse's data version: model builds recorded by transform runs (0 before the first). */
    long dataVersion() {
        return warehouse.withHandle(h -> h.createQuery(sql("data_version")).mapTo(Long.class).one());
    }

    /** Today in the warehouse's reporting zone. */
    LocalDate today() {
        return LocalDate.now(warehouse.calendar().zone());
    }
}
