package dev.bookstore.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One request as a route sees it: its declared query parameters, parsed and checked, and its JSON body, read up to
 * the route's limit. Refusals are {@link ApiError}s naming the parameter.
 */
final class Call {
    /** The most of a too-large body read and dropped before answering 413. */
    private static final long DRAIN_LIMIT = 16L << 20;
    private final Context ctx;
    private final Route route;

    Call(Context ctx, Route route) {
        this.ctx = ctx;
        this.route = route;
    }

    /** Refuses parameters the route does not declare, and repeated ones. */
    void checkParameters() {
        List<String> known = route.params().stream().map(Param::name).toList();
        List<String> unknown = new ArrayList<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!known.contains(name)) {
                unknown.add(name);
            } else if (values.size() > 1) {
                throw new ApiError.BadRequest(name, "parameter '" + name + "' is given " + values.size()
                        + " times", "give it once");
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiError.unknownParameters(unknown, known);
        }
    }

    /** The parameter's value: given, or its default; a missing required one is refused. */
    <T> T get(Param<T> p) {
        return optional(p).orElseThrow(() -> new ApiError.BadRequest(p.name(), "missing parameter '" + p.name()
                + "'", p.valid()));
    }

    /** The parameter's value when given (or defaulted). */
    <T> Optional<T> optional(Param<T> p) {
        String raw = ctx.queryParam(p.name());
        if (raw == null) {
            if (p.required() || p.fallback().isEmpty()) {
                return Optional.empty();
            }
            raw = p.fallback().get();
        }
        try {
            return Optional.of(p.parser().apply(raw));
        } catch (IllegalArgumentException e) {
            throw new ApiError.BadRequest(p.name(), "parameter '" + p.name() + "': " + e.getMessage(), p.valid());
        }
    }

    /** The JSON body, read up to the route's limit. */
    JsonNode body() throws IOException {
        int limit = route.body().map(Route.Body::limitBytes).orElse(0);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            // read and drop what the client sends (up to 16 MB) so that it reads the 413 instead of a reset
            try (java.io.InputStream in = ctx.req().getInputStream()) {
                in.skipNBytes(Math.min(declared, DRAIN_LIMIT));
            } catch (IOException | RuntimeException e) {
                // the client went away: the answer is lost either way
            }
            throw new ApiError.TooLarge(limit);
        }
        byte[] bytes = ctx.bodyAsBytes(); // Javalin refuses bodies over BookstoreService.MAX_REQUEST (413)
        if (bytes.length > limit) {
            throw new ApiError.TooLarge(limit);
        }
        if (bytes.length == 0) {
            throw new ApiError.BadRequest("body", "the request body is empty", route.body().map(Route.Body::description)
                    .orElse("a JSON object"));
        }
        return Json.MAPPER.readTree(bytes);
    }
}
