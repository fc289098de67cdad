package dev.bookstore.model;

import java.util.Locale;
import java.util.Optional;

/** The life-cycle state of an order, as written in order files ({@code delivered}, {@code cancelled}, ...). */
public enum OrderStatus {
    /** Placed, not yet shipped. */
    PENDING,
    /** Handed to the carrier. */
    SHIPPED,
    /** Received by the customer. */
    DELIVERED,
    /** Cancelled before shipping (or an Online Retail cancellation invoice). */
    CANCELLED,
    /** Returned after delivery. */
    RETURNED;

    /** The lower-case name used in files and in the warehouse. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this code (case-insensitive), if any. */
    public static Optional<OrderStatus> fromCode(String code) {
        for (OrderStatus s : values()) {
            if (s.name().equalsIgnoreCase(code.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
