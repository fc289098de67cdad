package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Active customers read from the sessions (first and last business day, previous session's last day), checked on
 * sessions that span several days, cross a week, month and range boundary, or share a day with another session —
 * against the oracle's count over the raw events and a few values worked out by hand.
 */
@ExtendWith(Warehouses.class)
class LongSessionTest {
    private static final Path DATA = data();

    /** Events every 20 minutes from {@code from} to {@code to} (inclusive): one session. */
    private static void session(HandMade h, String user, String from, String to) {
        Instant end = Instant.parse(to);
        for (Instant t = Instant.parse(from); !t.isAfter(end); t = t.plusSeconds(1_200)) {
            h.event("page_view", user, t.toString(), "", "email", "desktop");
        }
    }

    private static Path data() {
        HandMade h = new HandMade()
                .customer("CUST_A", "2025-01-10", "London", "Greater London", "email")
                .customer("CUST_B", "2025-01-10", "Leeds", "West Yorkshire", "social")
                .customer("CUST_C", "2025-01-10", "York", "North Yorkshire", "direct")
                .product("BOOK_1", "Fiction", "10.00", 5)
                .order("O1", "CUST_A", "2025-02-10", "BOOK_1", 1, "10.00", "delivered", "2025-02-10T10:00:00Z");
        // A: Thu 27 Feb 22:00 → Tue 11 Mar 01:00 (London = UTC in winter): one session over 13 days, two months and
        // a whole week (3–9 Mar) between its first and last day
        session(h, "CUST_A", "2025-02-27T22:00:00Z", "2025-03-11T01:00:00Z");
        // A again on 11 Mar (same day as the long session's end), then on 20 Mar
        session(h, "CUST_A", "2025-03-11T12:00:00Z", "2025-03-11T12:40:00Z");
        session(h, "CUST_A", "2025-03-20T09:00:00Z", "2025-03-20T09:00:00Z");
        // B: Sun 9 Mar 23:50 → Mon 10 Mar 00:10 (crosses a week), two sessions on 12 Mar, and 31 Mar 23:40 →
        // 1 Apr 00:20 (summer time from 30 Mar: UTC + 1)
        session(h, "CUST_B", "2025-03-09T23:50:00Z", "2025-03-10T00:10:00Z");
        session(h, "CUST_B", "2025-03-12T08:00:00Z", "2025-03-12T08:00:00Z");
        session(h, "CUST_B", "2025-03-12T18:00:00Z", "2025-03-12T18:20:00Z");
        session(h, "CUST_B", "2025-03-31T22:40:00Z", "2025-03-31T23:20:00Z");
        // C: one day, far before: only in the early rolling windows
        session(h, "CUST_C", "2025-02-01T10:00:00Z", "2025-02-01T10:00:00Z");
        return h.write();
    }

    private static Warehouse warehouse(DatabaseKind kind) {
        return Warehouses.build(kind, "long-sessions", wh -> TestData.load(wh, DATA));
    }

    @EachDatabase
    void activeCustomersCountEveryDayOfASession(DatabaseKind kind) {
        Metrics m = Metrics.on(warehouse(kind));
        Oracle o;
        try {
            o = new Oracle(TestData.Raw.read(DATA, TestData.LONDON), TestData.LONDON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DateRange> ranges = List.of(DateRange.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 30)),
                DateRange.of(LocalDate.of(2025, 3, 5), LocalDate.of(2025, 3, 5)),
                DateRange.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 10)),
                DateRange.of(LocalDate.of(2025, 2, 28), LocalDate.of(2025, 3, 3)),
                DateRange.of(LocalDate.of(2025, 3, 5), LocalDate.of(2025, 3, 31)));
        for (DateRange r : ranges) {
            for (Granularity g : Granularity.values()) {
                assertEquals(o.activeCustomers(r, g), m.activeCustomers(r, g), "active " + r + " " + g);
            }
            for (int w : new int[] {1, 2, 7, 30}) {
                assertEquals(o.rollingActive(r, w), m.rollingActiveCustomers(r, w), "rolling " + w + " " + r);
            }
            assertEquals(o.stickiness(r), m.stickiness(r), "stickiness " + r);
        }
        // by hand: A is active 27 Feb – 11 Mar and 20 Mar; B 9, 10, 12, 31 Mar and 1 Apr; C 1 Feb
        DateRange march = DateRange.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
        assertEquals(List.of(new ActiveCustomers(LocalDate.of(2025, 3, 1), 31, 2)),
                m.activeCustomers(march, Granularity.MONTH));
        // weeks (the range's days only): 1–2 Mar A; 3–9 Mar A and B (Sunday 9 Mar 23:50); 10–16 Mar A and B;
        // 17–23 Mar A; 24–30 Mar nobody (left out); 31 Mar B
        Map<LocalDate, Long> weeks = m.activeCustomers(march, Granularity.WEEK).stream()
                .collect(Collectors.toMap(ActiveCustomers::periodStart, ActiveCustomers::customers));
        assertEquals(Map.of(LocalDate.of(2025, 2, 24), 1L, LocalDate.of(2025, 3, 3), 2L,
                LocalDate.of(2025, 3, 10), 2L, LocalDate.of(2025, 3, 17), 1L, LocalDate.of(2025, 3, 31), 1L), weeks);
        // 7 days ending 8 Mar: A; ending 10 Mar: A and B (9, 10 Mar); ending 18 Mar (12–18 Mar): B only
        Map<LocalDate, Long> rolling = m.rollingActiveCustomers(march, 7).stream()
                .collect(Collectors.toMap(ActiveCustomers::periodStart, ActiveCustomers::customers));
        assertEquals(1L, rolling.get(LocalDate.of(2025, 3, 8)));
        assertEquals(2L, rolling.get(LocalDate.of(2025, 3, 10)));
        assertEquals(1L, rolling.get(LocalDate.of(2025, 3, 18)));
    }
}
