package dev.bookstore.model.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * UTC to wall-clock time for databases without usable time zone rules: the zone's UTC offsets between 1970 and 2100
 * (from the JVM's zone rules) written into a balanced {@code CASE} over the transition instants, so that each value
 * takes about log2(transitions) comparisons (9 for Europe/London). A fixed-offset zone needs no {@code CASE}.
 */
final class ZoneShift {
    private static final Instant FIRST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("2100-01-01T00:00:00Z");
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ZoneShift() {
    }

    /** The zone id as a SQL string literal (zone ids hold only letters, digits, '/', '_', '+', '-'). */
    static String literal(ZoneId zone) {
        String id = zone.getId();
        if (!id.matches("[A-Za-z0-9/_+\\-:]+")) {
            throw new IllegalArgumentException("zone id '" + id + "' has unexpected characters");
        }
        return "'" + id + "'";
    }

    /**
     * {@code utcTimestampExpr} shifted by the zone's offset in force at that instant.
     *
     * @param addSeconds writes "timestamp expression plus n seconds" in the dialect
     */
    static String expression(String utcTimestampExpr, ZoneId zone, BiFunction<String, Integer, String> addSeconds) {
        ZoneRules rules = zone.getRules();
        List<Instant> starts = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        starts.add(FIRST);
        offsets.add(rules.getOffset(FIRST).getTotalSeconds());
        ZoneOffsetTransition t = rules.nextTransition(FIRST);
        while (t != null && t.getInstant().isBefore(LAST)) {
            starts.add(t.getInstant());
            offsets.add(t.getOffsetAfter().getTotalSeconds());
            t = rules.nextTransition(t.getInstant());
        }
        String ts = "(" + utcTimestampExpr + ")";
        return tree(ts, starts, offsets, 0, starts.size() - 1, addSeconds);
    }

    private static String tree(String ts, List<Instant> starts, List<Integer> offsets, int lo, int hi,
                               BiFunction<String, Integer, String> addSeconds) {
        if (lo == hi) {
            int seconds = offsets.get(lo);
            return seconds == 0 ? ts : addSeconds.apply(ts, seconds);
        }
        int mid = (lo + hi + 1) >>> 1;
        String at = LocalDateTime.ofInstant(starts.get(mid), ZoneOffset.UTC).format(LITERAL);
        return "CASE WHEN " + ts + " < TIMESTAMP '" + at + "' THEN "
                + tree(ts, starts, offsets, lo, mid - 1, addSeconds) + " ELSE "
                + tree(ts, starts, offsets, mid, hi, addSeconds) + " END";
    }
}
