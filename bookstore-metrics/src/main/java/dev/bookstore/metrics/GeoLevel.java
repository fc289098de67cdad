package dev.bookstore.metrics;

/**
 * The level of place that {@link Metrics#geography} groups by.
 *
 * <pre>{@code
 * List<GeoSales> regions = metrics.geography(q4, GeoLevel.REGION);
 * }</pre>
 */
public enum GeoLevel {
    /** Shipping city / home city. */
    CITY,
    /** Shipping state or region / home state or region. */
    REGION,
    /** Shipping country / home country. */
    COUNTRY
}
