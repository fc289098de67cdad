package dev.bookstore.examples.http;

import java.util.List;
import java.util.Optional;

/**
 * One HTTP route of the service: method, path, what it answers, its parameters and body (which also describe it in
 * {@code /openapi.json}) and the handler. A handler returns a value written as JSON with status 200, or a
 * {@link Reply} for anything else; it reports refusals by throwing {@link ApiError}s.
 *
 * @param method GET or POST
 * @param path the path, e.g. {@code /metrics/sales}
 * @param tag the OpenAPI group
 * @param summary one line saying what it answers
 * @param params the query parameters it accepts (others are refused with 400)
 * @param body the JSON body it reads, described for OpenAPI; empty for none
 * @param handler computes the answer
 */
record Route(String method, String path, String tag, String summary, List<Param<?>> params, Optional<Body> body,
             Handler handler) {
    Route {
        params = List.copyOf(params);
    }

    /** A GET route. */
    static Route get(String path, String tag, String summary, List<Param<?>> params, Handler handler) {
        return new Route("GET", path, tag, summary, params, Optional.empty(), handler);
    }

    /** Computes a route's answer. */
    @FunctionalInterface
    interface Handler {
        Object handle(Call call) throws Exception;
    }

    /**
     * A JSON request body.
     *
     * @param description what it holds
     * @param example an example body
     * @param limitBytes the largest body accepted (larger: 413)
     */
    record Body(String description, Object example, int limitBytes) {
    }

    /**
     * A non-JSON answer, or a JSON one with another status.
     *
     * @param status the HTTP status
     * @param contentType its content type
     * @param bytes the body
     */
    record Reply(int status, String contentType, byte[] bytes) {
    }

    /** A group of routes, e.g. every churn route; one class per model or area. */
    interface Set {
        List<Route> routes();
    }
}
