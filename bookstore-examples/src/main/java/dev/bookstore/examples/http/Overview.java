package dev.bookstore.examples.http;

import dev.bookstore.metrics.ActiveCustomers;
import dev.bookstore.metrics.Conversion;
import dev.bookstore.metrics.DateRange;
import dev.bookstore.metrics.Metrics;
import dev.bookstore.metrics.SalesSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The dashboard's KPI tiles for a range and the previous period of the same length: revenue, orders, average order
 * value, active customers and conversion, each with its relative change. This is the one place that composes
 * several questions into one answer; it gives way to the library's {@code MetricsReport} when that lands.
 *
 * @param range the range
 * @param previous the period of the same length just before it
 * @param tiles the KPIs
 */
record Overview(DateRange range, DateRange previous, List<Tile> tiles) {
    /**
     * One KPI.
     *
     * @param name its key: revenue, orders, aov, active_customers, conversion
     * @param label what the page shows
     * @param value in the range
     * @param previousValue in the previous period
     * @param change (value − previous) / previous; absent when the previous value is 0
     */
    record Tile(String name, String label, double value, double previousValue, OptionalDouble change) {
        static Tile of(String name, String label, double value, double previous) {
            return new Tile(name, label, value, previous, previous == 0 ? OptionalDouble.empty()
                    : OptionalDouble.of((value - previous) / previous));
        }
    }

    /** The overview of {@code range}. */
    static Overview of(Metrics m, DateRange range) {
        long days = range.days();
        DateRange previous = DateRange.of(range.from().minusDays(days), range.from().minusDays(1));
        SalesSummary now = m.sales(range);
        SalesSummary before = m.sales(previous);
        Conversion cNow = m.conversion(range);
        Conversion cBefore = m.conversion(previous);
        return new Overview(range, previous, List.of(
                Tile.of("revenue", "Revenue (gross)", now.grossRevenue().doubleValue(),
                        before.grossRevenue().doubleValue()),
                Tile.of("orders", "Orders", now.orders(), before.orders()),
                Tile.of("aov", "Average order value", money(now.averageOrderValue()),
                        money(before.averageOrderValue())),
                Tile.of("active_customers", "Active customers", active(m, range), active(m, previous)),
                Tile.of("conversion", "Conversion", cNow.rate(), cBefore.rate())));
    }

    /** Users active in the range: the rolling window of the range's length ending on its last day with data. */
    private static double active(Metrics m, DateRange range) {
        int days = (int) Math.min(366, range.days());
        List<ActiveCustomers> rolling = m.rollingActiveCustomers(DateRange.day(range.to()), days);
        return rolling.isEmpty() ? 0 : rolling.get(rolling.size() - 1).customers();
    }

    private static double money(Optional<BigDecimal> v) {
        return v.map(BigDecimal::doubleValue).orElse(0.0);
    }
}
