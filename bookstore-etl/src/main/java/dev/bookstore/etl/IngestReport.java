package dev.bookstore.etl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link Ingest} run: one {@link SourceReport} per source, in load order.
 *
 * <pre>{@code
 * IngestReport report = Ingest.into(wh).orders(Path.of("raw_orders.csv")).run();
 * long loaded = report.source(SourceKind.ORDERS).map(SourceReport::loaded).orElse(0L);
 * System.out.println(report.toJson());
 * }</pre>
 *
 * @param loadId the id of this run, stored in the {@code load_id} column of every row it wrote
 * @param sources per source, in load order (customers, products, orders, events)
 * @param elapsed wall-clock time of the whole run
 */
public record IngestReport(String loadId, List<SourceReport> sources, Duration elapsed) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the list. */
    public IngestReport {
        Objects.requireNonNull(loadId, "loadId");
        Objects.requireNonNull(elapsed, "elapsed");
        sources = List.copyOf(sources);
    }

    /** The report of {@code kind}, when that source was part of the run. */
    public Optional<SourceReport> source(SourceKind kind) {
        return sources.stream().filter(s -> s.source() == kind).findFirst();
    }

    /** Rows rejected over all sources. */
    public long totalRejected() {
        return sources.stream().mapToLong(SourceReport::rejected).sum();
    }

    /**
     * This report as pretty-printed JSON: {@code load_id}, {@code elapsed_seconds} and {@code sources}, each with
     * {@code source, file, skipped, read, loaded, rejected, duplicates, updated, rejections_by_rule, warnings_by_rule,
     * ignored_columns, time_seconds, rows_per_second}; durations are seconds, to the millisecond.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("load_id", loadId);
        root.put("elapsed_seconds", SourceReport.seconds(elapsed));
        ArrayNode array = root.putArray("sources");
        sources.forEach(s -> array.add(s.toJsonNode()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an ingest report as JSON", e);
        }
    }
}
