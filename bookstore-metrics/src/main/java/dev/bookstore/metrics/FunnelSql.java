package dev.bookstore.metrics;

import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.LocalDate;
import java.util.Set;

/**
 * The SQL of a {@link Funnel}, written for its steps (the one funnel query, built here because its shape depends on
 * the number and types of steps). See {@link Funnel} for the semantics. The plan is set-based and join-free (but for
 * constant tables of two to ten rows), so it runs in sorts and window passes whatever the optimiser believes about
 * row counts. Its common table expressions, one per step:
 *
 * <ol>
 *   <li>{@code ev}: the events of the funnel's types in the range (plus the trailing window), with their entity
 *       (user or session), a 0/1 flag per step type and the breakdown dimension.</li>
 *   <li>{@code c1}: one chain per event of the first step in the range, at time {@code t1}.</li>
 *   <li>{@code ck} for k = 2..n: every live chain becomes a probe row at the time of its last step, mixed with the
 *       events that matter for step k; ordered by time (descending, probes before events of the same second), a
 *       window minimum over the rows before a probe gives the time of the next event of step k's type strictly
 *       after it ({@code nk}) and, for strict orderings, of the next interrupting event ({@code xk}). Chains of an
 *       entity and dimension value with the same {@code nk} (and {@code xk}) share their future, and the latest
 *       start dominates the others (it reaches every step they reach, sooner), so they are grouped into one chain:
 *       the latest {@code t1} and the shortest seconds {@code d2..d(k-1)} of the group; it takes {@code tk = nk}
 *       (and {@code dk}) when {@code nk} is within the window of that start and not interrupted. Chains that died
 *       earlier bypass the window pass.</li>
 *   <li>{@code d}: per entity (and per dimension value), the highest level and the shortest seconds to each step.</li>
 * </ol>
 *
 * <p>{@link #query} returns the counts per step and the dialect's percentiles (median, p90) of the seconds to each
 * step, per {@code is_total, grp}, in one statement; it takes no parameters (see {@link #with}).
 */
final class FunnelSql {
    private final Funnel funnel;
    private final Warehouse wh;
    private final Dialect d;
    private final List<String> types;

    FunnelSql(Funnel funnel, Warehouse wh) {
        this.funnel = funnel;
        this.wh = wh;
        this.d = wh.dialect();
        this.types = funnel.steps().stream().map(EventType::code).toList();
    }

    /** Days after the range's end that later steps may fall on (the window, plus a day for zone offsets). */
    long trailingDays() {
        return funnel.window().toDays() + 2;
    }

    private String type(int step) {
        return types.get(step - 1);
    }

    /** The types whose event between step k−1 and step k stops the chain, per the ordering (k ≥ 2). */
    private Set<String> interrupting(int k) {
        Set<String> set = new LinkedHashSet<>();
        switch (funnel.ordering()) {
            case LOOSE -> {
            }
            case STRICT -> {
                set.addAll(types);
                set.remove(type(k - 1));
            }
            case DEDUPLICATED -> set.add(type(k - 1));
        }
        return set;
    }

    /**
     * The common table expressions ending in {@code d}: one row per (is_total, grp, entity) with the highest level
     * {@code lvl} and the shortest seconds {@code d2..dn} to each step. The range's days are written as literals
     * ({@link LocalDate}s, never text from outside): H2 re-uses stale results of common table expressions that read
     * parameters, and nesting the levels as derived tables instead makes H2's planner explode.
     */
    private String with(DateRange range) {
        String from = literal(range.from());
        String to = literal(range.to());
        String eventsTo = literal(range.to().plusDays(trailingDays()));
        int n = types.size();
        Set<String> distinct = new LinkedHashSet<>(types);
        String entity = funnel.scope() == FunnelScope.USER ? "e.user_id" : "e.session_key";
        String dim = funnel.breakdown().map(b -> switch (b) {
            case CHANNEL -> "COALESCE(e.channel, '" + Metrics.UNKNOWN + "')";
            case DEVICE -> "COALESCE(e.device, '" + Metrics.UNKNOWN + "')";
            case CATEGORY -> "COALESCE(e.category, '" + Metrics.UNKNOWN + "')";
        }).orElse("''");
        StringBuilder flags = new StringBuilder();
        for (String t : distinct) {
            flags.append(", CASE WHEN e.event_type = '").append(t).append("' THEN 1 ELSE 0 END AS h_").append(t);
        }
        List<String> quoted = distinct.stream().map(t -> "'" + t + "'").toList();
        String ev = "(SELECT " + entity + " AS entity, e.event_time, e.event_date, " + dim + " AS dim" + flags
                + " FROM " + Relations.EVENTS + " e WHERE e.event_type IN (" + String.join(", ", quoted)
                + ") AND e.event_date BETWEEN " + from + " AND " + eventsTo + ")";
        StringBuilder sql = new StringBuilder("WITH ev AS ").append(ev);
        sql.append(", c1 AS (SELECT entity, dim, event_time AS t1 FROM ev WHERE h_").append(type(1))
                .append(" = 1 AND event_date BETWEEN ").append(from).append(" AND ").append(to).append(")");
        String following = " OVER (PARTITION BY entity ORDER BY event_time DESC, probe DESC ROWS BETWEEN "
                + "UNBOUNDED PRECEDING AND 1 PRECEDING)";
        String t1Null = "CASE WHEN 1 = 0 THEN t1 END";
        String secsNull = "CASE WHEN 1 = 0 THEN " + d.secondsBetween("t1", "t1") + " END";
        for (int k = 2; k <= n; k++) {
            // a chain of c(k-1): entity, dim, t1, its last step's time t(k-1) (NULL once dead), seconds d2..d(k-1)
            List<String> durations = new ArrayList<>();
            for (int j = 2; j < k; j++) {
                durations.add("d" + j);
            }
            String carried = durations.stream().map(c -> ", " + c).reduce("", String::concat);
            String minCarried = durations.stream().map(c -> ", MIN(" + c + ") AS " + c).reduce("", String::concat);
            String zeros = durations.stream().map(c -> ", 0").reduce("", String::concat);
            Set<String> stop = interrupting(k);
            List<String> relevant = new ArrayList<>();
            relevant.add("h_" + type(k) + " = 1");
            stop.forEach(t -> relevant.add("h_" + t + " = 1"));
            List<String> anyStop = stop.stream().map(t -> "h_" + t + " = 1").toList();
            // probes: one per live chain at its last step's time; dead chains skip the window (see below)
            String probes = "SELECT entity, t" + (k - 1) + " AS event_time, 1 AS probe, dim, t1" + carried
                    + ", 0 AS is_next, 0 AS is_stop FROM c" + (k - 1) + " WHERE t" + (k - 1) + " IS NOT NULL";
            String events = "SELECT entity, event_time, 0 AS probe, dim, event_time" + zeros
                    + ", CASE WHEN h_" + type(k) + " = 1 THEN 1 ELSE 0 END, "
                    + (anyStop.isEmpty() ? "0" : "CASE WHEN " + String.join(" OR ", anyStop) + " THEN 1 ELSE 0 END")
                    + " FROM ev WHERE " + String.join(" OR ", relevant);
            String windows = "MIN(CASE WHEN is_next = 1 THEN event_time END)" + following + " AS nk"
                    + (anyStop.isEmpty() ? "" : ", MIN(CASE WHEN is_stop = 1 THEN event_time END)" + following
                    + " AS xk");
            // chains of an entity and dimension value with the same next step-k event (and next interruption)
            // share their future: the latest start dominates the others (reaches as far, in less time), so one
            // row per group carries on, with the group's shortest times to the steps already reached
            String latest = "MAX(t1)";
            String reached = "nk IS NOT NULL AND " + d.secondsBetween(latest, "nk")
                    + " <= " + funnel.window().getSeconds()
                    + (anyStop.isEmpty() ? "" : " AND (xk IS NULL OR nk <= xk)");
            sql.append(", c").append(k).append(" AS (SELECT entity, dim, ").append(latest).append(" AS t1")
                    .append(minCarried)
                    .append(", CASE WHEN ").append(reached).append(" THEN nk END AS t").append(k)
                    .append(", CASE WHEN ").append(reached).append(" THEN ").append(d.secondsBetween(latest, "nk"))
                    .append(" END AS d").append(k)
                    .append(" FROM (SELECT u.*, ").append(windows).append(" FROM (").append(probes)
                    .append(" UNION ALL ").append(events).append(") u) w WHERE probe = 1 GROUP BY entity, dim, nk")
                    .append(anyStop.isEmpty() ? "" : ", xk")
                    // chains that died before step k-1 stay dead (typed NULLs: t1 is a timestamp)
                    .append(" UNION ALL SELECT entity, dim, t1").append(carried).append(", ").append(t1Null)
                    .append(", ").append(secsNull).append(" FROM c").append(k - 1).append(" WHERE t").append(k - 1)
                    .append(" IS NULL)");
        }
        StringBuilder level = new StringBuilder("1");
        StringBuilder times = new StringBuilder();
        for (int k = 2; k <= n; k++) {
            level.append(" + CASE WHEN d").append(k).append(" IS NOT NULL THEN 1 ELSE 0 END");
            times.append(", MIN(d").append(k).append(") AS d").append(k);
        }
        // every chain counts overall (is_total = 1) and, with a breakdown, in its dimension's group (is_total = 0)
        String totals = funnel.breakdown().isPresent() ? "(SELECT 1 AS is_total UNION ALL SELECT 0 AS is_total)"
                : "(SELECT 1 AS is_total)";
        sql.append(", d AS (SELECT is_total, grp, entity, MAX(lvl) AS lvl").append(times)
                .append(" FROM (SELECT k.is_total, CASE WHEN k.is_total = 1 THEN '' ELSE ch.dim END AS grp, ch.* FROM ")
                .append("(SELECT c.*, ").append(level).append(" AS lvl FROM c").append(n).append(" c) ch CROSS JOIN ")
                .append(totals).append(" k) x GROUP BY is_total, grp, entity) ");
        return sql.toString();
    }

    private static String literal(LocalDate day) {
        return "DATE '" + day + "'";
    }

    /**
     * One statement for the whole result: rows {@code part, is_total, grp, step, n, p0, p1} — for part 0, {@code n}
     * entities reached step {@code step}; for part 1, {@code p0} and {@code p1} are the median and 90th percentile
     * of the seconds from the first step to step {@code step} (2..n) over those entities.
     */
    String query(DateRange range) {
        List<String> steps = new ArrayList<>();
        StringBuilder secs = new StringBuilder("CASE s.step");
        for (int k = 1; k <= types.size(); k++) {
            steps.add("SELECT " + k + " AS step");
            if (k > 1) {
                secs.append(" WHEN ").append(k).append(" THEN d.d").append(k);
            }
        }
        secs.append(" END");
        String stepTable = "(" + String.join(" UNION ALL ", steps) + ") s";
        String counts = "SELECT 0 AS part, d.is_total, d.grp, s.step, SUM(CASE WHEN d.lvl >= s.step THEN 1 ELSE 0 END)"
                + " AS n, NULL AS p0, NULL AS p1 FROM d CROSS JOIN " + stepTable
                + " GROUP BY d.is_total, d.grp, s.step";
        String relation = "(SELECT d.is_total, d.grp, s.step, " + secs + " AS secs FROM d CROSS JOIN " + stepTable
                + " WHERE s.step > 1) pr";
        String percentiles = "SELECT 1, pq.is_total, pq.grp, pq.step, NULL, pq.p0, pq.p1 FROM ("
                + d.percentiles(relation, List.of("is_total", "grp", "step"), "secs", 0.5, 0.9) + ") pq";
        return wh.render(with(range) + counts + " UNION ALL " + percentiles);
    }
}
