package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookstore.model.BookstoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types of the public API: invariants, validation and JSON. */
class ReportAndOptionsTest {
    static SourceReport orders(long read, long loaded, long rejected, long duplicates) {
        return new SourceReport(SourceKind.ORDERS, "raw_orders.csv", false, read, loaded, rejected, duplicates, 0,
                Map.of("negative_price", rejected), Map.of("missing_shipping_state", 2L), List.of("notes"),
                Duration.ofMillis(1500), read / 1.5);
    }

    @Test
    void aSourceReportRefusesCountsThatDoNotAddUp() {
        BookstoreException e = assertThrows(BookstoreException.class, () -> orders(10, 7, 2, 0));
        assertEquals("ingest accounting error for raw_orders.csv: read 10 != loaded 7 + rejected 2 + duplicates 0",
                e.getMessage());
        assertEquals(10, orders(10, 7, 2, 1).read());
    }

    @Test
    void aSourceReportIsImmutable() {
        Map<String, Long> rules = new java.util.HashMap<>(Map.of("negative_price", 1L));
        List<String> ignored = new ArrayList<>(List.of("x"));
        SourceReport r = new SourceReport(SourceKind.ORDERS, "f", false, 1, 0, 1, 0, 0, rules, Map.of(), ignored,
                Duration.ZERO, 0);
        rules.put("other", 5L);
        ignored.add("y");
        assertEquals(Map.of("negative_price", 1L), r.rejectionsByRule());
        assertEquals(List.of("x"), r.ignoredColumns());
        assertThrows(UnsupportedOperationException.class, () -> r.rejectionsByRule().put("z", 1L));
    }

    @Test
    void theReportWritesJsonWithEveryCount() throws Exception {
        IngestReport report = new IngestReport("load-1", List.of(orders(1000, 990, 6, 4)), Duration.ofSeconds(2));
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals("load-1", json.get("load_id").asText());
        assertEquals(2.0, json.get("elapsed_seconds").asDouble());
        JsonNode s = json.get("sources").get(0);
        assertEquals("orders", s.get("source").asText());
        assertEquals("raw_orders.csv", s.get("file").asText());
        assertEquals(1000, s.get("read").asLong());
        assertEquals(990, s.get("loaded").asLong());
        assertEquals(6, s.get("rejected").asLong());
        assertEquals(4, s.get("duplicates").asLong());
        assertEquals(6, s.get("rejections_by_rule").get("negative_price").asLong());
        assertEquals(2, s.get("warnings_by_rule").get("missing_shipping_state").asLong());
        assertEquals("notes", s.get("ignored_columns").get(0).asText());
        assertEquals(1.5, s.get("time_seconds").asDouble());
        assertEquals(667, s.get("rows_per_second").asLong());
        assertEquals(false, s.get("skipped").asBoolean());
        assertEquals(Optional.empty(), report.source(SourceKind.EVENTS));
        assertEquals(6, report.totalRejected());
    }

    @Test
    void optionsAreValidated() {
        BookstoreException e = assertThrows(BookstoreException.class,
                () -> IngestOptions.defaults().withProgressEvery(0));
        assertEquals("progressEvery 0 must be at least 1", e.getMessage());
        assertThrows(NullPointerException.class, () -> IngestOptions.defaults().withDatePolicy(null));
        IngestOptions o = IngestOptions.defaults();
        assertEquals(DatePolicy.DAY_FIRST, o.datePolicy());
        assertTrue(o.skipLoadedFiles());
        assertEquals(DatePolicy.MONTH_FIRST, o.withDatePolicy(DatePolicy.MONTH_FIRST).datePolicy());
        assertEquals(DatePolicy.DAY_FIRST, o.datePolicy());
    }

    @Test
    void rulesComposeAndNameTheirViolations() {
        Rule<Integer> negative = Rule.when("negative", Severity.ERROR, i -> i < 0, i -> "value " + i + " is negative");
        Rule<Integer> big = Rule.warning("big", i -> i > 100 ? Optional.of("value " + i + " is big") : Optional.empty());
        List<Rule<Integer>> rules = List.of(negative, big);
        assertEquals(List.of(), rules.stream().flatMap(r -> r.apply(5).stream()).toList());
        assertEquals(List.of(Violation.error("negative", "value -1 is negative")),
                rules.stream().flatMap(r -> r.apply(-1).stream()).toList());
        assertEquals("(warning) big: value 101 is big", big.apply(101).orElseThrow().reason());
    }
}
