package dev.bookstore.metrics;

import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of a {@link Funnel}, written for its steps (the one funnel query, built here because its shape depends on
 * the number and types of steps). See {@link Funnel} for the semantics. The plan is set-based and join-free, so it
 * runs in sorts and window passes whatever the optimiser believes about row counts:
 *
 * <ol>
 *   <li>{@code ev}: the events of the funnel's types in the range (plus the trailing window), with their entity
 *       (user or session), a 0/1 flag per step type and the breakdown dimension.</li>
 *   <li>{@code c1}: one chain per event of the first step in the range, at time {@code t1}.</li>
 *   <li>{@code ck} for k = 2..n: every chain becomes a probe row at the time of its last step, mixed with the events
 *       that matter for step k; ordered by time (descending, probes before events of the same second), a window
 *       minimum over the rows before a probe gives the time of the next event of step k's type strictly after it
 *       ({@code nk}) and, for strict orderings, of the next interrupting event ({@code xk}). The chain takes
 *       {@code tk = nk} when it is alive, within the window and not interrupted.</li>
 *   <li>{@code d}: per entity (and per dimension value), the highest level and the shortest time to each step.</li>
 * </ol>
 *
 * <p>The counts query returns {@code is_total, grp, c1..cn}; the times query the dialect's percentiles (median,
 * p90) of seconds to step k per {@code is_total, grp, step}. Parameters: {@code :from}, {@code :to},
 * {@code :events_to}.
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

    private String with() {
        int n = types.size();
        Set<String> distinct = new LinkedHashSet<>(types);
        String entity = funnel.scope() == FunnelScope.USER ? "e.user_id" : "e.session_key";
        String dim = funnel.breakdown().map(b -> switch (b) {
            case CHANNEL -> "COALESCE(e.channel, '" + Metrics.UNKNOWN + "')";
            case DEVICE -> "COALESCE(e.device, '" + Metrics.UNKNOWN + "')";
            case CATEGORY -> "COALESCE(p.category, '" + Metrics.UNKNOWN + "')";
        }).orElse("''");
        String join = funnel.breakdown().filter(b -> b == FunnelDimension.CATEGORY).isPresent()
                ? " LEFT JOIN ${marts:dim_products} p ON p.product_id = e.product_id" : "";
        StringBuilder flags = new StringBuilder();
        for (String t : distinct) {
            flags.append(", CASE WHEN e.event_type = '").append(t).append("' THEN 1 ELSE 0 END AS h_").append(t);
        }
        List<String> quoted = distinct.stream().map(t -> "'" + t + "'").toList();
        StringBuilder sql = new StringBuilder("WITH ev AS (SELECT ").append(entity)
                .append(" AS entity, e.event_time, e.event_date, ").append(dim).append(" AS dim").append(flags)
                .append(" FROM ").append(Relations.EVENTS).append(" e").append(join)
                .append(" WHERE e.event_type IN (").append(String.join(", ", quoted))
                .append(") AND e.event_date BETWEEN :from AND :events_to)");
        sql.append(", c1 AS (SELECT entity, dim, event_time AS t1 FROM ev WHERE h_").append(type(1))
                .append(" = 1 AND event_date BETWEEN :from AND :to)");
        String following = " OVER (PARTITION BY entity ORDER BY event_time DESC, probe DESC ROWS BETWEEN "
                + "UNBOUNDED PRECEDING AND 1 PRECEDING)";
        for (int k = 2; k <= n; k++) {
            List<String> chainColumns = new ArrayList<>();
            for (int j = 1; j < k; j++) {
                chainColumns.add("t" + j);
            }
            Set<String> stop = interrupting(k);
            List<String> relevant = new ArrayList<>();
            relevant.add("h_" + type(k) + " = 1");
            stop.forEach(t -> relevant.add("h_" + t + " = 1"));
            List<String> anyStop = stop.stream().map(t -> "h_" + t + " = 1").toList();
            // probes: one per chain at its last step's time (dead chains probe at t1 and stay dead)
            String probes = "SELECT entity, COALESCE(t" + (k - 1) + ", t1) AS event_time, 1 AS probe, dim, "
                    + String.join(", ", chainColumns) + ", 0 AS is_next, 0 AS is_stop FROM c" + (k - 1);
            String events = "SELECT entity, event_time, 0 AS probe, dim, "
                    + String.join(", ", chainColumns.stream().map(c -> "event_time").toList())
                    + ", CASE WHEN h_" + type(k) + " = 1 THEN 1 ELSE 0 END, "
                    + (anyStop.isEmpty() ? "0" : "CASE WHEN " + String.join(" OR ", anyStop) + " THEN 1 ELSE 0 END")
                    + " FROM ev WHERE " + String.join(" OR ", relevant);
            String windows = "MIN(CASE WHEN is_next = 1 THEN event_time END)" + following + " AS nk"
                    + (anyStop.isEmpty() ? "" : ", MIN(CASE WHEN is_stop = 1 THEN event_time END)" + following
                    + " AS xk");
            String reached = "t" + (k - 1) + " IS NOT NULL AND nk IS NOT NULL AND " + d.secondsBetween("t1", "nk")
                    + " <= " + funnel.window().getSeconds()
                    + (anyStop.isEmpty() ? "" : " AND (xk IS NULL OR nk <= xk)");
            sql.append(", c").append(k).append(" AS (SELECT entity, dim, ").append(String.join(", ", chainColumns))
                    .append(", CASE WHEN ").append(reached).append(" THEN nk END AS t").append(k)
                    .append(" FROM (SELECT u.*, ").append(windows).append(" FROM (").append(probes)
                    .append(" UNION ALL ").append(events).append(") u) w WHERE probe = 1)");
        }
        StringBuilder level = new StringBuilder("1");
        StringBuilder times = new StringBuilder();
        for (int k = 2; k <= n; k++) {
            level.append(" + CASE WHEN t").append(k).append(" IS NOT NULL THEN 1 ELSE 0 END");
            times.append(", MIN(CASE WHEN t").append(k).append(" IS NOT NULL THEN ")
                    .append(d.secondsBetween("t1", "t" + k)).append(" END) AS d").append(k);
        }
        sql.append(", ch AS (SELECT c").append(n).append(".*, ").append(level).append(" AS lvl FROM c").append(n)
                .append(")");
        sql.append(", d AS (SELECT is_total, grp, entity, MAX(lvl) AS lvl").append(times)
                .append(" FROM (SELECT 1 AS is_total, '' AS grp, ch.* FROM ch")
                .append(funnel.breakdown().isPresent()
                        ? " UNION ALL SELECT 0 AS is_total, dim AS grp, ch.* FROM ch" : "")
                .append(") u GROUP BY is_total, grp, entity) ");
        return sql.toString();
    }

    /** Rows {@code is_total, grp, c1..cn}: entities reaching each step. */
    String counts() {
        StringBuilder select = new StringBuilder("SELECT is_total, grp");
        for (int k = 1; k <= types.size(); k++) {
            select.append(", SUM(CASE WHEN lvl >= ").append(k).append(" THEN 1 ELSE 0 END)");
        }
        return wh.render(with() + select + " FROM d GROUP BY is_total, grp");
    }

    /** Rows {@code is_total, grp, step, p0 (median), p1 (p90)} of seconds from the first step to step 2..n. */
    String times() {
        List<String> parts = new ArrayList<>();
        for (int k = 2; k <= types.size(); k++) {
            parts.add("SELECT is_total, grp, " + k + " AS step, d" + k + " AS secs FROM d WHERE d" + k
                    + " IS NOT NULL");
        }
        String relation = "(" + String.join(" UNION ALL ", parts) + ") pr";
        return wh.render(with() + d.percentiles(relation, List.of("is_total", "grp", "step"), "secs", 0.5, 0.9));
    }

    /** The parameters both queries take, beside {@code :from} and {@code :to}. */
    Map<String, Object> parameters(DateRange range) {
        return Map.of("from", range.from(), "to", range.to(), "events_to", range.to().plusDays(trailingDays()));
    }
}
