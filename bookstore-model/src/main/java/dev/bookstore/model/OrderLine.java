package dev.bookstore.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an order (one row of {@code raw_orders.csv}); an order is all lines sharing an {@code orderId}.
 *
 * <p>Money is exact. {@code quantity} is negative on cancellation lines of the Online Retail data. The natural key
 * of a line is ({@code orderId}, {@code productId}).
 *
 * @param orderId order (or invoice) identifier
 * @param customerId the buyer; empty for guest checkouts
 * @param orderDate the business day of the order in the reporting zone
 * @param productId the product bought
 * @param quantity units; negative for cancellations
 * @param unitPrice price per unit, exact
 * @param paymentMethod e.g. {@code credit_card}, when known
 * @param status life-cycle state
 * @param orderedAt the instant the order was placed, when known (UTC)
 * @param channel marketing channel, when known
 * @param shippingCity destination city, when known
 * @param shippingState destination region, when known
 * @param shippingCountry destination country, when known
 * @param shippedDate business day it shipped, if it did
 * @param deliveredDate business day it was delivered, if it was
 */
public record OrderLine(String orderId, Optional<String> customerId, LocalDate orderDate, String productId, int quantity,
                        BigDecimal unitPrice, Optional<String> paymentMethod, OrderStatus status,
                        Optional<Instant> orderedAt, Optional<String> channel, Optional<String> shippingCity,
                        Optional<String> shippingState, Optional<String> shippingCountry,
                        Optional<LocalDate> shippedDate, Optional<LocalDate> deliveredDate) {
    /** Rejects missing required fields. */
    public OrderLine {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderDate, "orderDate");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(shippingCity, "shippingCity");
        Objects.requireNonNull(shippingState, "shippingState");
        Objects.requireNonNull(shippingCountry, "shippingCountry");
        Objects.requireNonNull(shippedDate, "shippedDate");
        Objects.requireNonNull(deliveredDate, "deliveredDate");
    }

    /** {@code quantity × unitPrice}, exact. */
    public BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
