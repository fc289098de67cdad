package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Customers and revenue of one place ({@link Metrics#geography}): customers living there (their current home
 * address) and the orders of a range shipped there.
 *
 * <pre>{@code
 * GeoSales london = metrics.geography(q4, GeoLevel.CITY).get(0);
 * }</pre>
 *
 * @param location the city, region or country ({@value Metrics#UNKNOWN} when not recorded)
 * @param residents registered customers whose current home is there (registered by the range's end)
 * @param buyingCustomers distinct registered customers with an order shipped there in the range
 * @param orders orders of the range shipped there
 * @param grossRevenue their gross revenue
 */
public record GeoSales(String location, long residents, long buyingCustomers, long orders, BigDecimal grossRevenue) {
    /** Validates the fields. */
    public GeoSales {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
    }
}
