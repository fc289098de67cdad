package dev.bookstore.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.EachDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The marts hold what a plain-Java computation over the same raw rows gives, on every database. */
class MartsMatchJavaTest {
    static final TransformOptions OPTIONS = TransformOptions.defaults().withPiiSalt("test-salt-1234")
            .withSnapshotDay(LocalDate.of(2025, 3, 15));

    /** Revenue of one day by the shared definitions. */
    record Day(BigDecimal gross, BigDecimal returned, BigDecimal cancelled, long orders, long items) {
        BigDecimal net() {
            return gross.subtract(returned).subtract(cancelled);
        }
    }

    static Map<LocalDate, Day> dailyRevenue(RawData data) {
        Map<LocalDate, List<RawData.OrderLine>> byDay = data.orders().stream()
                .collect(Collectors.groupingBy(RawData.OrderLine::orderDate, TreeMap::new, Collectors.toList()));
        Map<LocalDate, Day> out = new TreeMap<>();
        LocalDate first = byDay.keySet().iterator().next();
        LocalDate last = ((TreeMap<LocalDate, ?>) byDay).lastKey();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            BigDecimal gross = BigDecimal.ZERO;
            BigDecimal returned = BigDecimal.ZERO;
            BigDecimal cancelled = BigDecimal.ZERO;
            Set<String> orders = new LinkedHashSet<>();
            long items = 0;
            for (RawData.OrderLine l : byDay.getOrDefault(d, List.of())) {
                if (l.validSale()) {
                    gross = gross.add(l.amount());
                    orders.add(l.orderId());
                    items += l.quantity();
                    if (l.status().equals("returned")) {
                        returned = returned.add(l.amount());
                    }
                } else if (l.quantity() < 0 && l.unitPrice().signum() > 0) {
                    cancelled = cancelled.add(l.amount().negate());
                }
            }
            out.put(d, new Day(gross, returned, cancelled, orders.size(), items));
        }
        return out;
    }

    /** Sessions per user: a new session after more than 30 minutes without an event. */
    static Map<String, Integer> sessionsPerUser(RawData data) {
        Map<String, List<RawData.Event>> byUser = new HashMap<>();
        for (RawData.Event e : new LinkedHashSet<>(data.events())) {
            byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Integer> out = new HashMap<>();
        byUser.forEach((user, events) -> {
            events.sort(Comparator.comparing(RawData.Event::time));
            int sessions = 0;
            for (int i = 0; i < events.size(); i++) {
                if (i == 0 || Duration.between(events.get(i - 1).time(), events.get(i).time()).getSeconds() > 1800) {
                    sessions++;
                }
            }
            out.put(user, sessions);
        });
        return out;
    }

    @EachDatabase
    void dailyRevenueOrdersAndSessionsMatchJava(Warehouse wh) {
        RawData data = RawData.generated(RawData.small());
        try {
            data.load(wh);
            TransformReport report = Transform.on(wh).options(OPTIONS).run();
            assertTrue(report.succeeded(), () -> report.toString());
            assertEquals(Transform.on(wh).models(), report.models().stream().map(ModelRun::model).toList());

            Map<LocalDate, Day> expected = dailyRevenue(data);
            List<LocalDate> days = Tables.query(wh, "SELECT order_date FROM ${marts:fct_daily_revenue}",
                    rs -> Tables.date(rs, 1));
            assertEquals(expected.keySet(), new java.util.TreeSet<>(days), "one row per day from first to last order");
            for (LocalDate d : days) {
                Day e = expected.get(d);
                List<Object> a = Tables.query(wh, "SELECT gross_revenue, returned_amount, cancelled_amount, net_revenue, orders, "
                        + "items FROM ${marts:fct_daily_revenue} WHERE order_date = DATE '" + d + "'",
                        rs -> List.<Object>of(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                                rs.getBigDecimal(4), rs.getLong(5), rs.getLong(6))).get(0);
                String at = " on " + d;
                assertEquals(0, e.gross().compareTo((BigDecimal) a.get(0)), "gross" + at + ": " + e + " vs " + a);
                assertEquals(0, e.returned().compareTo((BigDecimal) a.get(1)), "returned" + at);
                assertEquals(0, e.cancelled().compareTo((BigDecimal) a.get(2)), "cancelled" + at);
                assertEquals(0, e.net().compareTo((BigDecimal) a.get(3)), "net" + at);
                assertEquals(e.orders(), a.get(4), "orders" + at);
                assertEquals(e.items(), a.get(5), "items" + at);
            }
            assertTrue(expected.get(LocalDate.of(2025, 1, 21)).cancelled().signum() > 0, "the fixture cancels");

            // orders: distinct order ids with a valid sale line, each totalling its valid lines
            Map<String, BigDecimal> orderTotals = new HashMap<>();
            data.orders().stream().filter(RawData.OrderLine::validSale)
                    .forEach(l -> orderTotals.merge(l.orderId(), l.amount(), BigDecimal::add));
            Map<String, BigDecimal> stored = Tables.byKey(wh, "SELECT order_id, gross_revenue FROM ${marts:fct_orders}",
                    rs -> rs.getBigDecimal(2));
            assertEquals(orderTotals.keySet(), stored.keySet());
            orderTotals.forEach((id, total) -> assertEquals(0, total.compareTo(stored.get(id)), "order " + id));
            assertEquals(1, Tables.count(wh, "SELECT COUNT(*) FROM ${marts:fct_orders} WHERE is_guest = TRUE "
                    + "AND order_number IS NULL"), "the guest order has no place in a history");

            // sessions: the 30-minute rule per user
            Map<String, Integer> sessions = sessionsPerUser(data);
            Map<String, Long> storedSessions = Tables.byKey(wh, "SELECT user_id, COUNT(*) FROM ${marts:fct_sessions} "
                    + "GROUP BY user_id", rs -> rs.getLong(2));
            assertEquals(sessions.keySet(), storedSessions.keySet());
            sessions.forEach((u, n) -> assertEquals(n.longValue(), storedSessions.get(u), "sessions of " + u));
            assertEquals(data.events().size(), Tables.count(wh,
                    "SELECT SUM(event_count) FROM ${marts:fct_sessions}"));
            assertEquals(data.events().size(), Tables.count(wh, "SELECT SUM(events) FROM ${marts:fct_daily_engagement}"));
            assertEquals(data.events().size(), Tables.count(wh, "SELECT COUNT(*) FROM ${marts:fct_events}"));
            assertEquals(storedSessions.values().stream().mapToLong(Long::longValue).sum(), Tables.count(wh,
                    "SELECT COUNT(*) FROM ${marts:fct_events} WHERE event_in_session = 1"));

            // every data test passes on clean data
            DataTestReport tests = Transform.on(wh).test();
            assertFalse(tests.hasErrors(), () -> tests.failures().toString());
            assertTrue(tests.results().size() > 40, "tests ran: " + tests.results().size());
        } finally {
            Tables.dropModels(wh);
        }
    }
}
