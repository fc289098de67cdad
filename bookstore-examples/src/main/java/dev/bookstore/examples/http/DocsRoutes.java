package dev.bookstore.examples.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /openapi.json} (every route, generated from the routes themselves) and {@code GET /prometheus}. */
final class DocsRoutes implements Route.Set {
    private final Backend backend;
    private final Supplier<List<Route>> all;

    DocsRoutes(Backend backend, Supplier<List<Route>> all) {
        this.backend = backend;
        this.all = all;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/openapi.json", "service", "this description (OpenAPI 3.0)", List.of(), c -> openApi(all.get())),
                Route.get("/prometheus", "service", "request counts and latency histograms per route, predictions "
                        + "served, data version (Prometheus text)", List.of(),
                        c -> new Route.Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                                backend.telemetry().scrape().getBytes(StandardCharsets.UTF_8))));
    }

    /** The OpenAPI 3.0 document of {@code routes}. */
    static Map<String, Object> openApi(List<Route> routes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Bookstore Analytics service", "version", BookstoreService.version(),
                "description", "Metrics, model scores and monitoring of a Bookstore Analytics warehouse. One JSON "
                        + "convention throughout, the same as the CLI's --json and /report: field names, query "
                        + "parameters and enum values in lower-case snake_case (customer_id, gross_revenue, "
                        + "product_view, item_knn; '-' is read as '_' in parameter values); durations as seconds "
                        + "under a field ending in _seconds (window_seconds: 86400); days yyyy-MM-dd in the "
                        + "warehouse's reporting zone, instants ISO-8601 UTC; money a plain JSON number in the "
                        + "data's currency, exactly as computed; an absent value is a missing field. Errors are JSON "
                        + "objects {status, error, message, parameter?, valid?}: 400 bad parameter or body, 404 "
                        + "unknown id or path, 405 wrong method, 413 body too large, 503 warehouse down or model "
                        + "not built."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> path = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("tags", List.of(r.tag()));
            op.put("summary", r.summary());
            op.put("parameters", r.params().stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("in", "query");
                m.put("required", p.required());
                m.put("description", p.description() + " (" + p.valid() + ")");
                m.put("schema", p.schema());
                return m;
            }).toList());
            r.body().ifPresent(b -> op.put("requestBody", Map.of("required", true, "description", b.description()
                    + " (at most " + b.limitBytes() + " bytes)", "content", Map.of("application/json",
                    Map.of("schema", Map.of("type", "object"), "example", b.example())))));
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("200", Map.of("description", "the answer"));
            responses.put("400", Map.of("description", "a bad parameter or body: names it and says what is valid"));
            if (r.params().stream().anyMatch(p -> p.name().endsWith("_id"))) {
                responses.put("404", Map.of("description", "the id names nothing in the warehouse"));
            }
            if (r.body().isPresent()) {
                responses.put("413", Map.of("description", "the body is larger than the limit"));
            }
            responses.put("503", Map.of("description", "the warehouse is down, or the model is not built yet"));
            op.put("responses", responses);
            path.put(r.method().toLowerCase(java.util.Locale.ROOT), op);
        }
        doc.put("paths", paths);
        return doc;
    }
}
