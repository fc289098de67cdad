package dev.bookstore.examples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one JSON convention of every {@code --json} output and of the HTTP service's answers: snake_case keys,
 * durations as numbers of seconds (never ISO-8601 text such as {@code PT24H}). Keys of maps keyed by data (rule
 * names, sources, ids) are exempt by name.
 */
public final class JsonConvention {
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern ISO_DURATION = Pattern.compile("-?P(\\d+D)?(T[\\d.HMS]+)?");
    /** Objects whose keys are values (rule names), not names. */
    private static final Set<String> DATA_KEYED = Set.of("rejections_by_rule", "warnings_by_rule", "quarantine");

    private JsonConvention() {
    }

    /** Parses {@code json} and checks the convention on every key and value; returns the tree. */
    public static JsonNode check(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            walk(root, "$");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private static void walk(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String here = path + "." + e.getKey();
                if (!DATA_KEYED.contains(lastName(path))) {
                    assertTrue(SNAKE.matcher(e.getKey()).matches(), "key is not snake_case: " + here);
                }
                walk(e.getValue(), here);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isTextual()) {
            assertFalse(ISO_DURATION.matcher(node.asText()).matches() && node.asText().length() > 1,
                    "a duration as ISO text at " + path + ": " + node.asText());
        }
    }

    private static String lastName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
