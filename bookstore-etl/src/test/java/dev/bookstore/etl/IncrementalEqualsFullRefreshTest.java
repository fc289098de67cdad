package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Layer;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An incremental run after appending data (new days, and late rows for days already built, within the look-back
 * window) leaves every model exactly as a build from scratch over all the data: compared row for row.
 */
class IncrementalEqualsFullRefreshTest {
    static final LocalDate SPLIT = LocalDate.of(2025, 2, 10);

    /** A deterministic part of the rows of the two days before the split: held back, arriving late. */
    static boolean late(String key, LocalDate day) {
        return !day.isBefore(SPLIT.minusDays(2)) && day.isBefore(SPLIT) && Math.floorMod(key.hashCode(), 3) == 0;
    }

    static boolean first(RawData.OrderLine l) {
        return l.orderDate().isBefore(SPLIT) && !late(l.orderId(), l.orderDate());
    }

    static boolean first(RawData.Event e) {
        return e.date().isBefore(SPLIT) && !late(e.userId() + e.time(), e.date());
    }

    @EachDatabase(also = DatabaseKind.TRINO)
    void anIncrementalRunEqualsAFullBuildFromScratchRowForRow(Warehouse wh) {
        RawData all = RawData.generated(RawData.small());
        Predicate<RawData.Customer> earlyCustomer = c -> c.registered().isBefore(SPLIT);
        RawData firstLoad = all.filter(earlyCustomer, IncrementalEqualsFullRefreshTest::first,
                IncrementalEqualsFullRefreshTest::first);
        RawData secondLoad = new RawData(all.customers().stream().filter(earlyCustomer.negate()).toList(), List.of(),
                all.orders().stream().filter(l -> !first(l)).toList(),
                all.events().stream().filter(e -> !first(e)).toList());
        assertTrue(secondLoad.orders().stream().anyMatch(l -> l.orderDate().isBefore(SPLIT)), "late orders exist");
        assertTrue(secondLoad.events().stream().anyMatch(e -> e.date().isBefore(SPLIT)), "late events exist");
        TransformOptions options = MartsMatchJavaTest.OPTIONS;
        try {
            firstLoad.load(wh);
            Transform.on(wh).options(options).run();
            secondLoad.load(wh);
            TransformReport incremental = Transform.on(wh).options(options).run();
            for (String model : List.of("stg_events", "fct_order_lines", "fct_orders", "fct_daily_revenue",
                    "fct_sessions", "fct_funnel_steps", "fct_daily_engagement", "fct_events")) {
                ModelRun run = incremental.model(model).orElseThrow();
                assertEquals(ModelRun.Mode.INCREMENTAL, run.mode(), model);
                assertTrue(run.windowStart().isPresent() && run.windowStart().get().isBefore(SPLIT.minusDays(2)),
                        model + " window " + run.windowStart());
            }
            Map<String, List<String>> afterIncremental = dumpAll(wh);

            Transform.on(wh).dropModels();
            TransformReport scratch = Transform.on(wh).options(options).run();
            assertTrue(scratch.models().stream().filter(m -> m.materialization() == Materialization.INCREMENTAL)
                    .allMatch(m -> m.mode() == ModelRun.Mode.FULL));
            Map<String, List<String>> fromScratch = dumpAll(wh);

            for (String model : fromScratch.keySet()) {
                List<String> a = afterIncremental.get(model);
                List<String> b = fromScratch.get(model);
                assertTrue(!b.isEmpty(), model + " is empty");
                if (!a.equals(b)) {
                    List<String> onlyIncremental = a.stream().filter(r -> !b.contains(r)).limit(3).toList();
                    List<String> onlyScratch = b.stream().filter(r -> !a.contains(r)).limit(3).toList();
                    assertEquals(b.size(), a.size(), model + " row count; only incremental " + onlyIncremental
                            + " only scratch " + onlyScratch);
                    assertEquals(onlyScratch, onlyIncremental, model + " differs");
                }
            }

            // a full refresh of the same warehouse gives the same again
            Transform.on(wh).options(options).fullRefresh().run();
            assertEquals(fromScratch, dumpAll(wh));
        } finally {
            Tables.dropModels(wh);
        }
    }

    static Map<String, List<String>> dumpAll(Warehouse wh) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Model m : BuiltInModels.graph().order()) {
            if (m.layer() != Layer.STAGING || m.materialization() != Materialization.VIEW) {
                out.put(m.name(), Tables.dump(wh, m.layer(), m.name()));
            }
        }
        return out;
    }
}
