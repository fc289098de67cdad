package dev.bookstore.metrics;

import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of a {@link Funnel}: the templates {@code funnel.sql} and, once per step after the first,
 * {@code funnel_step.sql} (around {@code funnel_next_window.sql} or {@code funnel_next_asof.sql}), with the
 * fragments that depend on the number and types of the steps written here (see {@link Funnel} for the semantics).
 * The window plan is set-based and join-free (but for constant tables of two to ten rows), so it runs in sorts and
 * window passes whatever the optimiser believes about row counts. Its common table
 * expressions, one per step:
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
 * <p>Where the dialect {@linkplain dev.bookstore.model.sql.Dialect#supportsAsofJoin() has an as-of join} (DuckDB),
 * step k's {@code nk} and {@code xk} come from two as-of joins of the live chains to the events of step k's type and
 * of the interrupting types ({@code funnel_next_asof.sql}) instead of the window over their union
 * ({@code funnel_next_window.sql}): the same rows, found by a sort-merge of the two inputs rather than a framed
 * window minimum over all of them (about 20 % less CPU on the whole-year funnels; benchmarks/RESULTS.md).
 *
 * <p>{@link #query} gives the counts per step and the dialect's percentiles (median, p90) of the seconds to each
 * step, per {@code is_total, grp}, in one statement. Every value — the range's days, the window, the event types —
 * is a bound parameter.
 */
final class FunnelSql {
    private final Funnel funnel;
    private final Warehouse wh;
    private final List<String> types;

    /** The funnel's statement: the template, its fragments and its parameters. */
    record Statement(String template, Map<String, String> fragments, Map<String, Object> params) {
    }

    FunnelSql(Funnel funnel, Warehouse wh) {
        this.funnel = funnel;
        this.wh = wh;
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

    /** The statement for {@code range}. */
    Statement query(DateRange range) {
        int n = types.size();
        Set<String> distinct = new LinkedHashSet<>(types);
        Map<String, Object> params = new HashMap<>();
        params.put("from", range.from());
        params.put("to", range.to());
        params.put("events_to", range.to().plusDays(trailingDays()));
        params.put("window_seconds", funnel.window().getSeconds());
        params.put("unknown", Metrics.UNKNOWN);
        distinct.forEach(t -> params.put("type_" + t, t));

        Map<String, String> f = new HashMap<>();
        f.put("entity", funnel.scope() == FunnelScope.USER ? "e.user_id" : "e.session_key");
        f.put("dimension", funnel.breakdown().map(b -> switch (b) {
            case CHANNEL -> "COALESCE(e.channel, :unknown)";
            case DEVICE -> "COALESCE(e.device, :unknown)";
            case CATEGORY -> "COALESCE(e.category, :unknown)";
        }).orElse("''"));
        f.put("step_flags", distinct.stream()
                .map(t -> ", CASE WHEN e.event_type = :type_" + t + " THEN 1 ELSE 0 END AS h_" + t)
                .collect(Collectors.joining()));
        f.put("step_types", distinct.stream().map(t -> ":type_" + t).collect(Collectors.joining(", ")));
        f.put("first_type", type(1));
        boolean asof = wh.dialect().supportsAsofJoin();
        String step = Queries.template("funnel_step");
        String next = Queries.template(asof ? "funnel_next_asof" : "funnel_next_window");
        StringBuilder later = new StringBuilder();
        for (int k = 2; k <= n; k++) {
            Map<String, String> fk = new HashMap<>(asof ? asofFragments(k) : stepFragments(k));
            fk.put("next_events", wh.render(next, fk));
            later.append(",\n").append(wh.render(step, fk));
        }
        f.put("later_steps", later.toString());
        f.put("last_chain", "c" + n);
        f.put("level", "1" + IntStream.rangeClosed(2, n)
                .mapToObj(k -> " + CASE WHEN d" + k + " IS NOT NULL THEN 1 ELSE 0 END").collect(Collectors.joining()));
        f.put("shortest_times", IntStream.rangeClosed(2, n).mapToObj(k -> ", MIN(d" + k + ") AS d" + k)
                .collect(Collectors.joining()));
        // every chain counts overall (is_total = 1) and, with a breakdown, in its dimension's group (is_total = 0)
        f.put("totals", funnel.breakdown().isPresent() ? "(SELECT 1 AS is_total UNION ALL SELECT 0 AS is_total)"
                : "(SELECT 1 AS is_total)");
        f.put("step_table", "(" + IntStream.rangeClosed(1, n).mapToObj(k -> "SELECT " + k + " AS step")
                .collect(Collectors.joining(" UNION ALL ")) + ")");
        String seconds = "CASE s.step" + IntStream.rangeClosed(2, n).mapToObj(k -> " WHEN " + k + " THEN d.d" + k)
                .collect(Collectors.joining()) + " END";
        f.put("step_percentiles", wh.dialect().percentiles("(SELECT d.is_total, d.grp, s.step, " + seconds
                        + " AS secs FROM d CROSS JOIN {{step_table}} s WHERE s.step > 1) pr",
                List.of("is_total", "grp", "step"), "secs", 0.5, 0.9));
        return new Statement(Queries.template("funnel"), Map.copyOf(f), Map.copyOf(params));
    }

    /**
     * The fragments of step {@code k}'s chain table with as-of joins (funnel_next_asof.sql): those of
     * {@link #stepFragments}, the carried seconds qualified by the chain's alias, and the joins to the first event
     * of step k's type and of an interrupting type after the chain's last step.
     */
    private Map<String, String> asofFragments(int k) {
        Map<String, String> f = new HashMap<>(stepFragments(k));
        String after = ".entity = p.entity AND %s.event_time > p.t" + (k - 1);
        f.put("carried_p", IntStream.range(2, k).mapToObj(j -> ", p.d" + j).collect(Collectors.joining()));
        f.put("next_join", wh.dialect().asofLeftJoin("(SELECT entity, event_time FROM ev WHERE h_" + type(k)
                + " = 1)", "n", "n" + after.formatted("n")));
        Set<String> stop = interrupting(k);
        if (stop.isEmpty()) {
            f.put("stop_join", "");
            f.put("stop_time", "CASE WHEN 1 = 0 THEN n.event_time END");
        } else {
            f.put("stop_join", "\n        " + wh.dialect().asofLeftJoin("(SELECT entity, event_time FROM ev WHERE "
                    + stop.stream().map(t -> "h_" + t + " = 1").collect(Collectors.joining(" OR ")) + ")", "x",
                    "x" + after.formatted("x")));
            f.put("stop_time", "x.event_time");
        }
        return f;
    }

    /** The fragments of step {@code k}'s chain table (funnel_step.sql, funnel_next_window.sql). */
    private Map<String, String> stepFragments(int k) {
        List<String> durations = new ArrayList<>();
        for (int j = 2; j < k; j++) {
            durations.add("d" + j);
        }
        Set<String> stop = interrupting(k);
        List<String> relevant = new ArrayList<>();
        relevant.add("h_" + type(k) + " = 1");
        stop.forEach(t -> relevant.add("h_" + t + " = 1"));
        List<String> anyStop = stop.stream().map(t -> "h_" + t + " = 1").toList();
        return Map.of("k", Integer.toString(k), "previous", Integer.toString(k - 1), "type", type(k),
                "carried", durations.stream().map(c -> ", " + c).collect(Collectors.joining()),
                "carried_min", durations.stream().map(c -> ", MIN(" + c + ") AS " + c).collect(Collectors.joining()),
                "zeros", durations.stream().map(c -> ", 0").collect(Collectors.joining()),
                "relevant", String.join(" OR ", relevant),
                "is_stop", anyStop.isEmpty() ? "0" : "CASE WHEN " + String.join(" OR ", anyStop) + " THEN 1 ELSE 0 END");
    }
}
