package dev.bookstore.examples.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.NotFoundException;
import dev.bookstore.model.NotReadyException;
import dev.bookstore.model.WarehouseException;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers, by type (never by message text): the route layer's
 * {@link ApiError}s keep their status; malformed JSON is 400; a database failure anywhere in the cause chain
 * ({@link WarehouseException}, {@link SQLException}) is 503; the library's own kinds map by type:
 * {@link InvalidArgumentException} 400 (naming its parameter), {@link NotFoundException} 404,
 * {@link NotReadyException} 503 (its message says what to run); anything else is 500 with no detail (logged
 * here). No answer ever carries a stack trace.
 */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** An HTTP answer: status and JSON body. */
    record Answer(int status, Map<String, Object> body) {
    }

    /** Runs a look-up by id; the library's {@link NotFoundException} becomes a 404 naming {@code parameter}. */
    static <T> T lookup(String parameter, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw new ApiError.NotFound(parameter, e.getMessage());
        }
    }

    /** The answer for {@code failure}. */
    static Answer of(Throwable failure) {
        if (failure instanceof ApiError.BadRequest e) {
            return answer(400, "bad_request", e.getMessage(), "parameter", e.parameter, "valid", e.valid);
        }
        if (failure instanceof ApiError.NotFound e) {
            return answer(404, "not_found", e.getMessage(), "parameter", e.parameter);
        }
        if (failure instanceof ApiError.NotReady e) {
            return answer(503, "not_ready", e.getMessage(), "model", e.model, "train", e.train);
        }
        if (failure instanceof ApiError.TooLarge e) {
            return answer(413, "too_large", e.getMessage(), "limit_bytes", e.limit);
        }
        if (failure instanceof JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            return answer(400, "malformed_json", "the request body is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), "parameter", "body");
        }
        if (failure instanceof HttpResponseException e) {
            return answer(e.getStatus(), e.getStatus() == 413 ? "too_large" : "http_" + e.getStatus(),
                    e.getMessage());
        }
        if (failure instanceof NotFoundException e) {
            return answer(404, "not_found", oneLine(e.getMessage()), "entity", e.entity(), "id", e.id());
        }
        if (failure instanceof InvalidArgumentException e) {
            return answer(400, "bad_request", oneLine(e.getMessage()), "parameter", e.parameter().orElse(null));
        }
        if (failure instanceof NotReadyException e) {
            return answer(503, "not_ready", oneLine(e.getMessage()));
        }
        if (databaseFailure(failure)) {
            LOG.warn("warehouse unavailable: {}", failure.toString());
            return answer(503, "warehouse_unavailable", "the warehouse cannot answer now: "
                    + oneLine(failure.getMessage()));
        }
        if (failure instanceof BookstoreException e) {
            return answer(400, "bad_request", oneLine(e.getMessage()));
        }
        LOG.error("unexpected failure", failure);
        return answer(500, "internal", "internal error (" + failure.getClass().getSimpleName()
                + "); the server log has the details");
    }

    /** Whether a database failure is anywhere in the cause chain. */
    static boolean databaseFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WarehouseException || t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    static Answer answer(int status, String error, String message, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", error);
        body.put("message", message);
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return new Answer(status, body);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
