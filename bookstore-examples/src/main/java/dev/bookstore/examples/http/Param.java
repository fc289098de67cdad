package dev.bookstore.examples.http;

import dev.bookstore.metrics.JsonConventions;
import dev.bookstore.model.EventType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One query parameter of a route, declared once: its name, what it means, how its text is parsed and checked, what
 * is valid (for the 400 answer) and its OpenAPI schema. {@link Call#get} parses it.
 *
 * @param <T> the parsed value's type
 * @param name the query parameter's name
 * @param description what it means
 * @param required whether it must be given
 * @param fallback the text used when it is absent and not required
 * @param valid what is valid, for the 400 answer
 * @param schema the OpenAPI schema
 * @param parser text to value; throws {@link IllegalArgumentException} with a one-line reason
 */
record Param<T>(String name, String description, boolean required, Optional<String> fallback, String valid,
                Map<String, Object> schema, Function<String, T> parser) {
    /** The longest id the service looks up. */
    static final int MAX_ID = 100;

    /** The same parameter, required. */
    Param<T> require() {
        return new Param<>(name, description, true, Optional.empty(), valid, schema, parser);
    }

    /** The same parameter, neither required nor defaulted: absent means "not given". */
    Param<T> notRequired() {
        return new Param<>(name, description, false, Optional.empty(), valid, schema, parser);
    }

    /** The same parameter with {@code text} as its default. */
    Param<T> orElse(String text) {
        return new Param<>(name, description, false, Optional.of(text), valid, schema, parser);
    }

    /** An integer in {@code min..max}. */
    static Param<Integer> integer(String name, int min, int max, int fallback, String description) {
        String valid = "an integer in " + min + ".." + max;
        return new Param<>(name, description, false, Optional.of(Integer.toString(fallback)), valid,
                schema("integer", "minimum", min, "maximum", max, "default", fallback), text -> {
                    long v;
                    try {
                        v = Long.parseLong(text.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' is not an integer");
                    }
                    if (v < min || v > max) {
                        throw new IllegalArgumentException(v + " is outside " + min + ".." + max);
                    }
                    return (int) v;
                });
    }

    /** {@code true} or {@code false}. */
    static Param<Boolean> bool(String name, boolean fallback, String description) {
        return new Param<>(name, description, false, Optional.of(Boolean.toString(fallback)), "true or false",
                schema("boolean", "default", fallback), text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
                });
    }

    /** A day, {@code yyyy-MM-dd}. */
    static Param<LocalDate> date(String name, String description) {
        return new Param<>(name, description, true, Optional.empty(), "a day as yyyy-MM-dd, e.g. 2025-12-31",
                schema("string", "format", "date"), text -> {
                    try {
                        return LocalDate.parse(text.strip());
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("'" + text + "' is not a day as yyyy-MM-dd");
                    }
                });
    }

    /** An id: 1..{@value #MAX_ID} characters without control characters; any such text is looked up (bound). */
    static Param<String> id(String name, String description) {
        return new Param<>(name, description, true, Optional.empty(), "an id of 1.." + MAX_ID
                + " printable characters, e.g. CUST_1523", schema("string", "minLength", 1, "maxLength", MAX_ID),
                text -> {
                    if (text.isEmpty() || text.length() > MAX_ID) {
                        throw new IllegalArgumentException("an id of " + text.length() + " characters");
                    }
                    if (text.chars().anyMatch(Character::isISOControl)) {
                        throw new IllegalArgumentException("an id with control characters");
                    }
                    return text;
                });
    }

    /** Free text of at most 200 characters (a filter such as a category name). */
    static Param<String> text(String name, String description) {
        return new Param<>(name, description, false, Optional.empty(), "text of 1..200 characters",
                schema("string", "maxLength", 200), text -> {
                    if (text.isEmpty() || text.length() > 200) {
                        throw new IllegalArgumentException("text of " + text.length() + " characters");
                    }
                    return text;
                });
    }

    /**
     * One of an enum's constants by its lower-case snake_case name ({@link JsonConventions#word}: the same word the
     * answers use); {@code -} is read as {@code _} ({@code item-knn} as {@code item_knn}), as before.
     */
    static <E extends Enum<E>> Param<E> choice(String name, Class<E> type, E fallback, String description) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            byName.put(word(e), e);
        }
        String valid = "one of " + String.join(", ", byName.keySet());
        return new Param<>(name, description, false, Optional.ofNullable(fallback).map(Param::word), valid,
                fallback == null ? schema("string", "enum", List.copyOf(byName.keySet()))
                        : schema("string", "enum", List.copyOf(byName.keySet()), "default", word(fallback)),
                text -> {
                    E e = byName.get(text.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
                    if (e == null) {
                        throw new IllegalArgumentException("'" + text + "' is not " + valid);
                    }
                    return e;
                });
    }

    /** Comma-separated event types, e.g. {@code product_view,add_to_cart,purchase}. */
    static Param<List<EventType>> events(String name, int min, int max, String fallback, String description) {
        String codes = Arrays.stream(EventType.values()).map(EventType::code).collect(Collectors.joining(", "));
        return new Param<>(name, description, false, Optional.of(fallback), min + ".." + max
                + " comma-separated event types of " + codes, schema("string", "default", fallback), text -> {
                    List<EventType> out = new ArrayList<>();
                    for (String code : text.split(",", -1)) {
                        out.add(EventType.fromCode(code.strip()).orElseThrow(() -> new IllegalArgumentException(
                                "'" + code + "' is not an event type")));
                    }
                    if (out.size() < min || out.size() > max) {
                        throw new IllegalArgumentException(out.size() + " steps");
                    }
                    return List.copyOf(out);
                });
    }

    /** A time such as {@code 45s}, {@code 30m}, {@code 2h} or {@code 7d}. */
    static Param<Duration> window(String name, String fallback, String description) {
        return new Param<>(name, description, false, Optional.of(fallback),
                "a time such as 45s, 30m, 2h or 7d (at most 999999 units)", schema("string", "default", fallback),
                text -> {
                    String v = text.strip().toLowerCase(Locale.ROOT);
                    if (!v.matches("[1-9][0-9]{0,5}[smhd]")) {
                        throw new IllegalArgumentException("'" + text + "' is not a time such as 45s, 30m, 2h or 7d");
                    }
                    long n = Long.parseLong(v.substring(0, v.length() - 1));
                    return switch (v.charAt(v.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                });
    }

    /** The parameter's word for an enum constant: its lower-case snake_case name, as in the answers. */
    static String word(Enum<?> e) {
        return JsonConventions.word(e);
    }

    private static Map<String, Object> schema(String type, Object... more) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type);
        for (int i = 0; i + 1 < more.length; i += 2) {
            s.put((String) more[i], more[i + 1]);
        }
        return s;
    }
}
