package dev.bookstore.metrics;

/**
 * What a {@link Funnel} can be broken down by: an attribute of the event that starts a chain (its first step). A
 * user whose chains start with different values counts in each of those groups, with its best chain there.
 * Missing values form the group {@value Metrics#UNKNOWN}.
 *
 * <pre>{@code
 * FunnelResult byDevice = metrics.funnel(Funnel.of(PRODUCT_VIEW, PURCHASE).by(FunnelDimension.DEVICE), q4);
 * }</pre>
 */
public enum FunnelDimension {
    /** The marketing channel of the first step's event. */
    CHANNEL,
    /** The device class of the first step's event. */
    DEVICE,
    /** The category of the product named by the first step's event (unknown when it names none). */
    CATEGORY
}
