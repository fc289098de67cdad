package dev.bookstore.model;

import java.util.Locale;
import java.util.Optional;

/** The kinds of clickstream event, with the names used in event files ({@code "event":"add_to_cart"}). */
public enum EventType {
    /** A page was shown. */
    PAGE_VIEW,
    /** A search was run. */
    SEARCH,
    /** A product page was shown. */
    PRODUCT_VIEW,
    /** A product was put in the cart. */
    ADD_TO_CART,
    /** A product was taken out of the cart. */
    REMOVE_FROM_CART,
    /** Checkout was started. */
    CHECKOUT,
    /** An order was placed. */
    PURCHASE;

    /** The lower-case name used in files and in the warehouse, e.g. {@code add_to_cart}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this file name (case-insensitive), if any. */
    public static Optional<EventType> fromCode(String code) {
        for (EventType t : values()) {
            if (t.name().equalsIgnoreCase(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
