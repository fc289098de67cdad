package dev.bookstore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bookstore.etl.testing.Warehouses;
import dev.bookstore.model.EventType;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.WarehouseConfig;
import dev.bookstore.model.testing.DatabaseKind;
import dev.bookstore.model.testing.EachDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Days and hours are the reporting zone's: a hand-made week around the end of British Summer Time (26 October 2025)
 * with orders and events at 23:30 and 00:30 UTC, read in Europe/London and in America/New_York; and a range without
 * data gives empty results, not errors.
 */
@ExtendWith(Warehouses.class)
class ReportingZoneTest {
    static final DateRange DST_WEEK = DateRange.of(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 11, 2));

    static Path data() {
        return DATA;
    }

    private static final Path DATA = new HandMade()
            .customer("CUST_A", "2025-01-10", "London", "Greater London", "email")
            .customer("CUST_B", "2025-02-10", "Leeds", "West Yorkshire", "social")
            .product("BOOK_1", "Fiction", "10.00", 5)
            // Saturday 00:30 BST, Sunday 00:30 BST, Sunday 23:30 GMT, Monday 00:30 GMT
            .order("O4", "CUST_B", "2025-10-25", "BOOK_1", 1, "10.00", "delivered", "2025-10-24T23:30:00Z")
            .order("O1", "CUST_A", "2025-10-26", "BOOK_1", 1, "10.00", "delivered", "2025-10-25T23:30:00Z")
            .order("O2", "CUST_B", "2025-10-26", "BOOK_1", 2, "10.00", "delivered", "2025-10-26T23:30:00Z")
            .order("O3", "CUST_A", "2025-10-27", "BOOK_1", 1, "10.00", "delivered", "2025-10-27T00:30:00Z")
            .event("page_view", "CUST_A", "2025-10-20T12:00:00Z", "", "email", "desktop")
            .event("page_view", "CUST_A", "2025-10-25T23:30:00Z", "", "email", "desktop")
            .event("product_view", "CUST_A", "2025-10-25T23:31:00Z", "BOOK_1", "email", "desktop")
            .event("page_view", "CUST_B", "2025-10-26T23:30:00Z", "", "social", "mobile")
            .event("page_view", "CUST_B", "2025-11-01T23:30:00Z", "", "social", "mobile")
            .write();

    private static Warehouse london(DatabaseKind kind) {
        return Warehouses.build(kind, "dst-london", wh -> TestData.load(wh, DATA));
    }

    private static Warehouse newYork(DatabaseKind kind) {
        return Warehouses.build(kind, "dst-new-york", WarehouseConfig.defaults().withReportingZone("America/New_York"),
                wh -> TestData.load(wh, DATA));
    }

    @EachDatabase
    void daysAndHoursAreLondonsAcrossTheEndOfSummerTime(DatabaseKind kind) {
        Metrics m = Metrics.on(london(kind));
        assertEquals(List.of(
                        new RevenuePoint(LocalDate.of(2025, 10, 25), 1, 1, money("10.00"), money("10.00")),
                        new RevenuePoint(LocalDate.of(2025, 10, 26), 2, 3, money("30.00"), money("30.00")),
                        new RevenuePoint(LocalDate.of(2025, 10, 27), 1, 1, money("10.00"), money("10.00"))),
                m.revenue(DST_WEEK, Granularity.DAY));
        assertEquals(List.of(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 10, 27)),
                m.revenue(DST_WEEK, Granularity.WEEK).stream().map(RevenuePoint::periodStart).toList());
        assertEquals(3, m.revenue(DST_WEEK, Granularity.WEEK).get(0).orders());
        assertEquals(Map.of(DayOfWeek.SATURDAY + "@0", 1L, DayOfWeek.SUNDAY + "@0", 1L, DayOfWeek.SUNDAY + "@23", 1L,
                        DayOfWeek.MONDAY + "@0", 1L),
                m.peakTimes(DST_WEEK).stream().collect(Collectors.toMap(p -> p.dayOfWeek() + "@" + p.hour(),
                        PeakTime::orders)));
        // the 23:30 UTC event of Saturday is on Sunday in London (BST), the 23:30 UTC one of Sunday too (GMT)
        assertEquals(List.of(new ActiveCustomers(LocalDate.of(2025, 10, 20), 1, 1),
                        new ActiveCustomers(LocalDate.of(2025, 10, 26), 1, 2),
                        new ActiveCustomers(LocalDate.of(2025, 11, 1), 1, 1)),
                m.activeCustomers(DST_WEEK, Granularity.DAY));
        Map<LocalDate, Long> rolling = m.rollingActiveCustomers(DST_WEEK, 7).stream()
                .collect(Collectors.toMap(ActiveCustomers::periodStart, ActiveCustomers::customers));
        assertEquals(13, rolling.size(), "one value per day from the first to the last event day");
        assertEquals(1L, rolling.get(LocalDate.of(2025, 10, 25)));
        assertEquals(2L, rolling.get(LocalDate.of(2025, 10, 26)));
        assertEquals(2L, rolling.get(LocalDate.of(2025, 11, 1)));
        assertEquals(2, m.sessions(DateRange.day(LocalDate.of(2025, 10, 26))).sessions());
        assertMatchesOracle(m, TestData.LONDON);
    }

    @EachDatabase
    void daysAndHoursFollowTheConfiguredZone(DatabaseKind kind) {
        Metrics m = Metrics.on(newYork(kind));
        // 23:30 UTC is 19:30 the same day in New York (EDT until 2 November)
        assertEquals(List.of(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 10, 25), LocalDate.of(2025, 10, 26),
                        LocalDate.of(2025, 11, 1)),
                m.activeCustomers(DST_WEEK, Granularity.DAY).stream().map(ActiveCustomers::periodStart).toList());
        assertTrue(m.peakTimes(DST_WEEK).stream().filter(p -> p.hour() == 19).mapToLong(PeakTime::orders).sum() == 3);
        assertMatchesOracle(m, ZoneId.of("America/New_York"));
    }

    private static void assertMatchesOracle(Metrics m, ZoneId zone) {
        Oracle o;
        try {
            o = new Oracle(TestData.Raw.read(DATA, zone), zone);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Granularity g : Granularity.values()) {
            assertEquals(o.revenue(DST_WEEK, g), m.revenue(DST_WEEK, g));
            assertEquals(o.activeCustomers(DST_WEEK, g), m.activeCustomers(DST_WEEK, g));
        }
        assertEquals(o.peakTimes(DST_WEEK), m.peakTimes(DST_WEEK));
        assertEquals(o.rollingActive(DST_WEEK, 7), m.rollingActiveCustomers(DST_WEEK, 7));
        assertEquals(o.sessionStats(DST_WEEK), m.sessions(DST_WEEK));
        assertEquals(o.stickiness(DST_WEEK), m.stickiness(DST_WEEK));
    }

    @EachDatabase
    void aRangeWithoutDataGivesEmptyResults(DatabaseKind kind) {
        Metrics m = Metrics.on(london(kind));
        DateRange r = DateRange.of(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 3, 31));
        LocalDate before = LocalDate.of(2000, 1, 1);
        for (Granularity g : Granularity.values()) {
            assertEquals(List.of(), m.revenue(r, g));
            assertEquals(List.of(), m.activeCustomers(r, g));
        }
        assertEquals(new SalesSummary(r, 0, 0, 0, money("0.00"), money("0.00"), money("0.00"), money("0.00")),
                m.sales(r));
        assertEquals(Optional.empty(), m.averageOrderValue(r));
        assertEquals(List.of(), m.bestsellers(r, 5, BestsellerRanking.REVENUE));
        assertEquals(List.of(), m.revenueByCategory(r));
        assertEquals(List.of(), m.revenueBySubcategory(r));
        assertEquals(new NewVsReturning(SegmentSales.NONE, SegmentSales.NONE, SegmentSales.NONE), m.newVsReturning(r));
        assertEquals(List.of(), m.rollingActiveCustomers(r, 28));
        assertEquals(new Stickiness(r, 0, 0, 0, 0), m.stickiness(r));
        assertEquals(List.of(), m.lapsedCustomers(before, 30));
        assertEquals(List.of(), m.lifetimeValues(before));
        assertEquals(List.of(), m.cohortLifetimeValue(r));
        assertEquals(List.of(), m.retention(r));
        assertEquals(List.of(), m.rfm(before));
        assertEquals(List.of(), m.channels(r));
        assertEquals(new Conversion(0, 0), m.conversion(r));
        assertEquals(List.of(), m.topSearchTerms(r, 10));
        assertEquals(new ViewToPurchase(0, 0, List.of()), m.viewToPurchase(r, 10));
        FunnelResult f = m.funnel(Funnel.of(EventType.PAGE_VIEW, EventType.PRODUCT_VIEW), r);
        assertEquals(List.of(0L, 0L), f.steps().stream().map(FunnelStep::count).toList());
        assertEquals(List.of(), f.groups());
        assertEquals(new SessionStats(0, 0, 0, 0, java.time.Duration.ZERO, Optional.empty(), Optional.empty()),
                m.sessions(r));
        assertEquals(new FulfilmentTimes(0, Optional.empty(), Optional.empty(), Optional.empty()), m.fulfilment(r));
        assertEquals(List.of(), m.peakTimes(r));
        assertEquals(List.of(), m.geography(DateRange.of(before, before), GeoLevel.CITY));
        assertEquals(List.of(), m.lowStock(before, new LowStockRule(0, 28, 14)));
    }

    private static BigDecimal money(String s) {
        return new BigDecimal(s);
    }
}
