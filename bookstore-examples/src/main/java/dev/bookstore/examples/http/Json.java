package dev.bookstore.examples.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.metrics.JsonConventions;

/**
 * The service's one JSON mapper, in the project's {@link JsonConventions} (the same as the CLI's {@code --json} and
 * {@code GET /report}): snake_case field names, enum values in lower-case snake_case, durations as seconds under a
 * {@code _seconds} field, days as {@code yyyy-MM-dd}, instants as ISO-8601, money ({@code BigDecimal}) as a plain
 * JSON number, an empty {@code Optional} as an absent field. Request bodies are read strictly (no trailing tokens,
 * no duplicate keys).
 */
final class Json {
    static final ObjectMapper MAPPER = JsonConventions.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }
}
