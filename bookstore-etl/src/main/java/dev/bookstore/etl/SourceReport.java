package dev.bookstore.etl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookstore.model.InvalidArgumentException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one source in one {@link Ingest} run: every row read is accounted for as loaded, rejected
 * (written to the source's quarantine table with its reasons) or a duplicate, so
 * {@code read == loaded + rejected + duplicates} always holds (checked on construction).
 *
 * <p>Rule names in {@link #rejectionsByRule()} (rows failing an error rule, not loaded) and
 * {@link #warningsByRule()} (loaded rows failing a warning rule) are stable: {@code missing_value},
 * {@code too_long}, {@code invalid_character}, {@code invalid_number}, {@code invalid_date},
 * {@code ambiguous_date}, {@code invalid_timestamp}, {@code invalid_type}, {@code unknown_status},
 * {@code unknown_event_type}, {@code field_count}, {@code malformed_json}, {@code not_an_object},
 * {@code negative_price}, {@code out_of_range}, {@code unknown_product}, {@code future_date} (errors);
 * {@code missing_shipping_state}, {@code non_iso_date}, {@code non_positive_price}, {@code negative_quantity}
 * (warnings). A row failing several rules counts once under each, so the values may sum to more than
 * {@link #rejected()}. Warnings are counted for loaded rows only, not for duplicates.
 *
 * <pre>{@code
 * SourceReport orders = report.source(SourceKind.ORDERS).orElseThrow();
 * long negative = orders.rejectionsByRule().getOrDefault("negative_price", 0L);
 * }</pre>
 *
 * @param source the kind of source
 * @param file the file name, or the name of a non-file source: a {@link JdbcSource}'s name, {@code Stream<OrderLine>}
 *             for records, {@code orders_quarantine} for a replay, {@code <file> (stock codes)} for the products
 *             derived from an Online Retail file
 * @param skipped whether the file was not read because the same content was loaded before (all counts 0)
 * @param read input rows read (CSV records after the header; non-blank JSONL lines)
 * @param loaded rows written to the raw table: new rows, and for customers and products also rows that replaced a
 *               loaded row with other values ({@code updated})
 * @param rejected rows that failed an error rule, written to the quarantine table
 * @param duplicates valid rows not loaded because a row with their natural key was already in the warehouse or
 *                   earlier in the same source; for customers and products (where the latest load wins): because the
 *                   warehouse already holds the same values, or a later row of the same source has the same key
 * @param updated loaded rows that replaced a row loaded before with other values (customers and products only; a
 *                part of {@code loaded})
 * @param rejectionsByRule rejected rows per failed error rule
 * @param warningsByRule loaded rows per failed warning rule
 * @param ignoredColumns input columns (or JSON keys) that are not part of the format and were ignored
 * @param time how long the source took
 * @param rowsPerSecond {@code read} divided by {@code time}
 */
public record SourceReport(SourceKind source, String file, boolean skipped, long read, long loaded, long rejected,
                           long duplicates, long updated, Map<String, Long> rejectionsByRule, Map<String, Long> warningsByRule,
                           List<String> ignoredColumns, Duration time, double rowsPerSecond) {
    /** Checks the accounting identity and copies the collections. */
    public SourceReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(time, "time");
        if (read < 0 || loaded < 0 || rejected < 0 || duplicates < 0 || updated < 0) {
            throw new InvalidArgumentException("negative count in the report of " + file);
        }
        if (updated > loaded) {
            throw new InvalidArgumentException("ingest accounting error for " + file + ": updated " + updated
                    + " > loaded "
                    + loaded);
        }
        if (read != loaded + rejected + duplicates) {
            throw new InvalidArgumentException("ingest accounting error for " + file + ": read " + read + " != loaded "
                    + loaded + " + rejected " + rejected + " + duplicates " + duplicates);
        }
        rejectionsByRule = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionsByRule));
        warningsByRule = Collections.unmodifiableMap(new LinkedHashMap<>(warningsByRule));
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    /** This report as a JSON object (snake_case keys, times in seconds). */
    ObjectNode toJsonNode() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("source", source.code());
        o.put("file", file);
        o.put("skipped", skipped);
        o.put("read", read);
        o.put("loaded", loaded);
        o.put("rejected", rejected);
        o.put("duplicates", duplicates);
        o.put("updated", updated);
        ObjectNode rejections = o.putObject("rejections_by_rule");
        rejectionsByRule.forEach(rejections::put);
        ObjectNode warnings = o.putObject("warnings_by_rule");
        warningsByRule.forEach(warnings::put);
        ignoredColumns.forEach(o.putArray("ignored_columns")::add);
        o.put("time_seconds", seconds(time));
        o.put("rows_per_second", Math.round(rowsPerSecond));
        return o;
    }

    /** A duration as seconds, fractional to the millisecond: the JSON convention for durations. */
    static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3);
    }
}
