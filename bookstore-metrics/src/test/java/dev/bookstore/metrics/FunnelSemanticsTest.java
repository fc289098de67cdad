package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The funnel's edge cases, one hand-made user per case (its events all carry the case's name as channel, so a
 * breakdown by channel shows each user's level): repeated steps, out-of-order events, events in the same second,
 * the window's edge, interruptions under each ordering, the best of several chains, chains starting before the range
 * or ending after it, and events of other types in between.
 */
@ExtendWith(Warehouses.class)
class FunnelSemanticsTest {
    static final DateRange RANGE = DateRange.of(LocalDate.of(2025, 10, 15), LocalDate.of(2025, 10, 16));
    static final Funnel BUY = Funnel.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.PURCHASE)
            .within(Duration.ofHours(1)).by(FunnelDimension.CHANNEL);

    /** Per case: the level reached with LOOSE, STRICT and DEDUPLICATED ordering. */
    static final Map<String, int[]> LEVELS = new LinkedHashMap<>();

    static {
        LEVELS.put("u01_basic", new int[] {3, 3, 3});
        LEVELS.put("u02_out_of_order", new int[] {1, 1, 1});
        LEVELS.put("u03_window_edge", new int[] {3, 3, 3});
        LEVELS.put("u04_window_past", new int[] {2, 2, 2});
        LEVELS.put("u05_repeats", new int[] {3, 3, 2});
        LEVELS.put("u06_interrupted", new int[] {3, 1, 3});
        LEVELS.put("u07_same_second", new int[] {1, 1, 1});
        LEVELS.put("u08_best_chain", new int[] {3, 3, 3});
        LEVELS.put("u10_after_range", new int[] {3, 3, 3});
        LEVELS.put("u11_noise", new int[] {3, 3, 3});
    }

    private static final Path DATA = events().write();

    private static HandMade events() {
        HandMade h = new HandMade().product("BOOK_1", "Fiction", "10.00", 5);
        String d = "2025-10-15T";
        user(h, "u01_basic", "product_view@" + d + "10:00:00Z", "add_to_cart@" + d + "10:10:00Z",
                "purchase@" + d + "10:20:00Z");
        user(h, "u02_out_of_order", "add_to_cart@" + d + "10:00:00Z", "product_view@" + d + "10:05:00Z",
                "purchase@" + d + "10:06:00Z");
        user(h, "u03_window_edge", "product_view@" + d + "10:00:00Z", "add_to_cart@" + d + "10:30:00Z",
                "purchase@" + d + "11:00:00Z");
        user(h, "u04_window_past", "product_view@" + d + "10:00:00Z", "add_to_cart@" + d + "10:30:00Z",
                "purchase@" + d + "11:00:01Z");
        user(h, "u05_repeats", "product_view@" + d + "10:00:00Z", "product_view@" + d + "10:01:00Z",
                "add_to_cart@" + d + "10:02:00Z", "add_to_cart@" + d + "10:03:00Z", "purchase@" + d + "10:04:00Z");
        user(h, "u06_interrupted", "product_view@" + d + "10:00:00Z", "purchase@" + d + "10:01:00Z",
                "add_to_cart@" + d + "10:02:00Z", "purchase@" + d + "10:03:00Z");
        user(h, "u07_same_second", "product_view@" + d + "10:00:00Z", "add_to_cart@" + d + "10:00:00Z",
                "purchase@" + d + "10:05:00Z");
        user(h, "u08_best_chain", "product_view@" + d + "09:00:00Z", "add_to_cart@" + d + "09:10:00Z",
                "product_view@" + d + "11:50:00Z", "add_to_cart@" + d + "11:51:00Z", "purchase@" + d + "11:52:00Z");
        user(h, "u09_before_range", "product_view@2025-10-14T10:00:00Z", "add_to_cart@2025-10-15T10:10:00Z",
                "purchase@2025-10-15T10:20:00Z");
        user(h, "u10_after_range", "product_view@2025-10-16T22:50:00Z", "add_to_cart@2025-10-16T23:20:00Z",
                "purchase@2025-10-16T23:40:00Z");
        user(h, "u11_noise", "product_view@" + d + "10:00:00Z", "page_view@" + d + "10:01:00Z",
                "search@" + d + "10:02:00Z", "add_to_cart@" + d + "10:03:00Z", "page_view@" + d + "10:04:00Z",
                "purchase@" + d + "10:05:00Z");
        return h;
    }

    private static void user(HandMade h, String name, String... events) {
        for (String e : events) {
            String type = e.substring(0, e.indexOf('@'));
            String product = type.equals("page_view") || type.equals("search") ? "" : "BOOK_1";
            h.event(type, name.toUpperCase(java.util.Locale.ROOT), e.substring(e.indexOf('@') + 1), product, name,
                    "desktop");
        }
    }

    private static Warehouse warehouse(DatabaseKind kind) {
        return Warehouses.build(kind, "funnel-cases", wh -> TestData.load(wh, DATA));
    }

    private static Oracle oracle() {
        try {
            return new Oracle(TestData.Raw.read(DATA, TestData.LONDON), TestData.LONDON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EachDatabase
    void eachCaseReachesItsLevelUnderEachOrdering(DatabaseKind kind) {
        Metrics m = Metrics.on(warehouse(kind));
        FunnelOrdering[] orderings = FunnelOrdering.values();
        for (int i = 0; i < orderings.length; i++) {
            int o = i;
            FunnelResult r = m.funnel(BUY.ordering(orderings[i]), RANGE);
            Map<String, List<Long>> actual = r.groups().stream().collect(Collectors.toMap(FunnelResult.Group::value,
                    g -> g.steps().stream().map(FunnelStep::count).toList()));
            Map<String, List<Long>> expected = LEVELS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> List.of(1L, e.getValue()[o] >= 2 ? 1L : 0L, e.getValue()[o] >= 3 ? 1L : 0L)));
            assertEquals(expected, actual, orderings[i] + ": counts per case (u09 starts before the range)");
            assertEquals(oracle().funnel(BUY.ordering(orderings[i]), RANGE), r, orderings[i] + " against the oracle");
            long reachedAll = LEVELS.values().stream().filter(l -> l[o] == 3).count();
            assertEquals(reachedAll, r.steps().get(2).count(), orderings[i] + ": overall");
            assertEquals(LEVELS.size(), r.steps().get(0).count());
            assertEquals(r.steps().get(1).count() - r.steps().get(2).count(), r.steps().get(2).dropOff());
        }
    }

    @EachDatabase
    void timeToConvertIsTheShortestChainPerUser(DatabaseKind kind) {
        Metrics m = Metrics.on(warehouse(kind));
        Map<String, FunnelResult.Group> groups = m.funnel(BUY, RANGE).groups().stream()
                .collect(Collectors.toMap(FunnelResult.Group::value, g -> g));
        FunnelResult.Group basic = groups.get("u01_basic");
        assertEquals(Optional.of(Duration.ofMinutes(10)), basic.steps().get(1).medianTimeFromStart());
        assertEquals(Optional.of(Duration.ofMinutes(20)), basic.steps().get(2).p90TimeFromStart());
        FunnelResult.Group best = groups.get("u08_best_chain");
        assertEquals(Optional.of(Duration.ofMinutes(1)), best.steps().get(1).medianTimeFromStart(),
                "the 11:50 chain reaches the cart in 1 minute, faster than the 09:00 one");
        assertEquals(Optional.of(Duration.ofMinutes(2)), best.steps().get(2).medianTimeFromStart());
        assertEquals(Optional.of(Duration.ofHours(1)), groups.get("u03_window_edge").steps().get(2)
                .medianTimeFromStart(), "exactly the window");
        assertEquals(Optional.empty(), groups.get("u02_out_of_order").steps().get(1).medianTimeFromStart());
    }

    @EachDatabase
    void perSessionChainsStayInTheirSessionAndOtherShapesMatchTheOracle(DatabaseKind kind) {
        Metrics m = Metrics.on(warehouse(kind));
        Oracle o = oracle();
        FunnelResult sessions = m.funnel(BUY.scope(FunnelScope.SESSION), RANGE);
        FunnelResult.Group best = sessions.groups().stream().filter(g -> g.value().equals("u08_best_chain"))
                .findFirst().orElseThrow();
        assertEquals(List.of(2L, 2L, 1L), best.steps().stream().map(FunnelStep::count).toList(),
                "two sessions start with a view; the first reaches the cart only");
        for (Funnel f : List.of(BUY.scope(FunnelScope.SESSION), BUY.scope(FunnelScope.SESSION).strict(),
                Funnel.of(EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW, EventType.PURCHASE)
                        .within(Duration.ofMinutes(30)),
                Funnel.of(EventType.PRODUCT_VIEW, EventType.PURCHASE).within(Duration.ofSeconds(60)).strict(),
                Funnel.of(EventType.PAGE_VIEW, EventType.SEARCH, EventType.ADD_TO_CART).by(FunnelDimension.DEVICE),
                BUY.overall().by(FunnelDimension.CATEGORY))) {
            assertEquals(o.funnel(f, RANGE), m.funnel(f, RANGE), f.toString());
        }
        FunnelResult twice = m.funnel(Funnel.of(EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW, EventType.PURCHASE)
                .within(Duration.ofMinutes(30)).by(FunnelDimension.CHANNEL), RANGE);
        assertTrue(twice.groups().stream().anyMatch(g -> g.value().equals("u05_repeats")
                && g.steps().get(2).count() == 1), "a repeated step needs two distinct events");
    }

    @Test
    void funnelsAreValidated() {
        BookstoreException tooShort = assertThrows(BookstoreException.class,
                () -> new Funnel(List.of(EventType.PURCHASE), Duration.ofHours(1), FunnelOrdering.LOOSE,
                        FunnelScope.USER, Optional.empty()));
        assertTrue(tooShort.getMessage().contains("2 to 10 steps"), tooShort.getMessage());
        assertThrows(BookstoreException.class, () -> BUY.within(Duration.ZERO));
        assertThrows(BookstoreException.class, () -> BUY.within(Duration.ofMillis(500)));
        assertEquals("product_view → add_to_cart → purchase within PT1H, strict, per session, by channel",
                BUY.strict().scope(FunnelScope.SESSION).toString());
    }
}
