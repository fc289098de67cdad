package dev.bookstore.examples.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's own measurements, in Prometheus text through Micrometer: requests and their latency histogram per
 * route, method and status ({@code bookstore_http_requests_seconds}), predictions served per model
 * ({@code bookstore_predictions_total}) and the warehouse's data version ({@code bookstore_data_version}: model
 * builds recorded by transform runs). Thread-safe.
 */
final class Telemetry {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> predictions = new ConcurrentHashMap<>();

    Telemetry(Supplier<Number> dataVersion) {
        Gauge.builder("bookstore.data.version", dataVersion).description(
                "model builds recorded in meta.transform_runs (changes with every transform run)").register(registry);
    }

    /** Records one answered request. */
    void request(String route, String method, int status, long nanos) {
        String key = route + ' ' + method + ' ' + status;
        timers.computeIfAbsent(key, k -> Timer.builder("bookstore.http.requests")
                .description("HTTP requests by route, method and status")
                .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts {@code n} predictions served by {@code model}. */
    void predictions(String model, int n) {
        predictions.computeIfAbsent(model, m -> Counter.builder("bookstore.predictions")
                .description("predictions served").tag("model", m).register(registry)).increment(n);
    }

    /** Everything, in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }
}
