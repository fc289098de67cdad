package dev.bookstore.etl;

import static dev.bookstore.etl.Column.optional;
import static dev.bookstore.etl.Column.required;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.model.ClickstreamEvent;
import dev.bookstore.model.EventContext;
import dev.bookstore.model.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Clickstream events, one JSON object per line ({@code clickstream_events.jsonl}), into {@code raw.events}.
 * Keys: {@code event, user_id, timestamp} (required), {@code session_id, page, query, product_id, channel,
 * device}; {@code page} is required for {@code page_view}, {@code query} for {@code search} and
 * {@code product_id} for product events. Blank lines are skipped (not counted); an empty file has 0 rows. A
 * line that is not JSON is rejected as {@code malformed_json} with its text quarantined.
 *
 * <p>Natural key: every stored field ({@code event_type, user_id, session_id, event_time, page, search_query,
 * product_id, channel, device}): an event is a duplicate only when an identical event is already in the warehouse
 * or earlier in the load, so appending lines to a file and loading it again adds only the new lines, while two
 * distinct events in the same second are both kept. Duplicate look-ups use an index on
 * {@code raw.events (user_id, event_time)}, created by the first load where the database needs one.
 */
final class EventsPlan implements Plan<ClickstreamEvent> {
    static final Column EVENT = required("event", 0);
    static final Column USER_ID = required("user_id", 64);
    static final Column SESSION_ID = optional("session_id", 64);
    static final Column TIMESTAMP = required("timestamp", 0);
    static final Column PAGE = optional("page", 500);
    static final Column QUERY = optional("query", 500);
    static final Column PRODUCT_ID = optional("product_id", 64);
    static final Column CHANNEL = optional("channel", 32);
    static final Column DEVICE = optional("device", 16);

    /** The input keys, as columns (for JDBC sources). */
    static final List<Column> INPUT = List.of(EVENT, USER_ID, SESSION_ID, TIMESTAMP, PAGE, QUERY, PRODUCT_ID, CHANNEL,
            DEVICE);
    private static final Set<String> KEYS = Set.of("event", "user_id", "session_id", "timestamp", "page", "query",
            "product_id", "channel", "device");
    private static final int MAX_IGNORED_KEYS = 50;
    private static final List<String> COLUMNS = List.of("event_type", "user_id", "session_id", "event_time",
            "event_date", "page", "search_query", "product_id", "channel", "device");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final LoadContext ctx;
    private final List<Rule<ClickstreamEvent>> rules;
    private final Set<String> ignored = new LinkedHashSet<>();

    EventsPlan(LoadContext ctx) {
        this.ctx = ctx;
        this.rules = List.of(
                Rule.when("future_date", Severity.ERROR, e -> e.timestamp().isAfter(ctx.now()),
                        e -> "timestamp " + e.timestamp() + " is in the future (now is " + ctx.now() + ")"));
    }

    @Override
    public SourceKind kind() {
        return SourceKind.EVENTS;
    }

    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public NaturalKey naturalKey() {
        return NaturalKey.of("user_id", "event_time", "event_type", "session_id", "page", "search_query",
                "product_id", "channel", "device").nullable("session_id", "page", "search_query", "product_id",
                "channel", "device");
    }

    @Override
    public List<String> lookupIndex() {
        return List.of("user_id", "event_time");
    }

    @Override
    public Optional<String> header() {
        return Optional.empty();
    }

    @Override
    public Candidate<ClickstreamEvent> reparse(Optional<String> header, String rawText, long line) {
        return parse(line, rawText);
    }

    @Override
    public List<Rule<ClickstreamEvent>> rules() {
        return rules;
    }

    @Override
    public List<String> read(String sourceName, Reader input, Consumer<Candidate<ClickstreamEvent>> sink) {
        BufferedReader lines = input instanceof BufferedReader b ? b : new BufferedReader(input, 1 << 16);
        long lineNo = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    sink.accept(parse(lineNo, line));
                }
            }
        } catch (UncheckedIOException e) {
            throw CsvPlan.unreadable(sourceName, lineNo, e.getCause());
        } catch (IOException e) {
            throw CsvPlan.unreadable(sourceName, lineNo, e);
        }
        return List.copyOf(ignored);
    }

    Candidate<ClickstreamEvent> parse(long lineNo, String line) {
        List<Violation> violations = new ArrayList<>(2);
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            violations.add(Violation.error("malformed_json", "the line is not valid JSON: "
                    + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr()));
            return new Candidate<>(lineNo, line, Optional.empty(), violations);
        }
        if (node == null || !node.isObject()) {
            violations.add(Violation.error("not_an_object", "the line is JSON but not an object: "
                    + Fields.abbreviate(line.strip())));
            return new Candidate<>(lineNo, line, Optional.empty(), violations);
        }
        noteIgnoredKeys(node);
        Fields f = new Fields(key -> scalar(node, key), ctx.options().datePolicy(), violations);
        for (String key : KEYS) {
            JsonNode v = node.get(key);
            if (v != null && v.isContainerNode()) {
                f.error("invalid_type", key + " is a JSON " + (v.isArray() ? "array" : "object")
                        + ", expected a string");
            }
        }
        String type = f.text(EVENT);
        String user = f.text(USER_ID);
        Optional<String> session = f.optionalText(SESSION_ID);
        Instant at = f.instant(TIMESTAMP);
        Optional<String> page = f.optionalText(PAGE);
        Optional<String> query = f.optionalText(QUERY);
        Optional<String> product = f.optionalText(PRODUCT_ID);
        Optional<String> channel = f.optionalText(CHANNEL);
        Optional<String> device = f.optionalText(DEVICE);
        EventType eventType = null;
        if (type != null) {
            eventType = EventType.fromCode(type).orElse(null);
            if (eventType == null) {
                f.error("unknown_event_type", "event '" + Fields.abbreviate(type) + "' is not one of "
                        + Arrays.stream(EventType.values()).map(EventType::code).toList());
            }
        }
        if (eventType != null) {
            requireFor(f, eventType, EventType.PAGE_VIEW, PAGE, page);
            requireFor(f, eventType, EventType.SEARCH, QUERY, query);
            requireFor(f, eventType, EventType.PRODUCT_VIEW, PRODUCT_ID, product);
            requireFor(f, eventType, EventType.ADD_TO_CART, PRODUCT_ID, product);
            requireFor(f, eventType, EventType.REMOVE_FROM_CART, PRODUCT_ID, product);
        }
        if (f.failed()) {
            return new Candidate<>(lineNo, line, Optional.empty(), violations);
        }
        EventContext context = new EventContext(user, session, at, channel, device);
        ClickstreamEvent event = switch (eventType) {
            case PAGE_VIEW -> new ClickstreamEvent.PageView(context, page.orElseThrow());
            case SEARCH -> new ClickstreamEvent.Search(context, query.orElseThrow());
            case PRODUCT_VIEW -> new ClickstreamEvent.ProductView(context, product.orElseThrow());
            case ADD_TO_CART -> new ClickstreamEvent.AddToCart(context, product.orElseThrow());
            case REMOVE_FROM_CART -> new ClickstreamEvent.RemoveFromCart(context, product.orElseThrow());
            case CHECKOUT -> new ClickstreamEvent.Checkout(context);
            case PURCHASE -> new ClickstreamEvent.Purchase(context, product);
        };
        return new Candidate<>(lineNo, line, Optional.of(event), violations);
    }

    @Override
    public Candidate<ClickstreamEvent> candidate(long position, Map<String, String> values) {
        ObjectNode node = JSON.createObjectNode();
        values.forEach((k, v) -> {
            if (v != null) {
                node.put(k, v);
            }
        });
        return parse(position, node.toString());
    }

    /** The file keys of a model event, as text. */
    static Map<String, String> fields(ClickstreamEvent e) {
        Map<String, String> m = new LinkedHashMap<>();
        EventContext c = e.context();
        m.put("event", e.type().code());
        m.put("user_id", c.userId());
        c.sessionId().ifPresent(v -> m.put("session_id", v));
        m.put("timestamp", c.timestamp().toString());
        if (e instanceof ClickstreamEvent.PageView p) {
            m.put("page", p.page());
        }
        if (e instanceof ClickstreamEvent.Search s) {
            m.put("query", s.query());
        }
        e.productId().ifPresent(v -> m.put("product_id", v));
        c.channel().ifPresent(v -> m.put("channel", v));
        c.device().ifPresent(v -> m.put("device", v));
        return m;
    }

    private static void requireFor(Fields f, EventType actual, EventType type, Column c, Optional<String> value) {
        if (actual == type && value.isEmpty() && !f.invalid(c)) {
            f.error("missing_value", c.name() + " is empty (required for " + type.code() + " events)");
        }
    }

    private static String scalar(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isContainerNode() ? v.toString() : v.asText(); // a container is rejected as invalid_type
    }

    private void noteIgnoredKeys(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext() && ignored.size() < MAX_IGNORED_KEYS; ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                ignored.add(key);
            }
        }
    }

    @Override
    public Object[] values(ClickstreamEvent e) {
        String page = e instanceof ClickstreamEvent.PageView p ? p.page() : null;
        String query = e instanceof ClickstreamEvent.Search s ? s.query() : null;
        EventContext c = e.context();
        return new Object[] {e.type().code(), c.userId(), c.sessionId(), c.timestamp(),
            ctx.warehouse().calendar().businessDay(c.timestamp()), page, query, e.productId(), c.channel(),
            c.device()};
    }
}
