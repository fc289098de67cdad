package dev.bookstore.metrics;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer with no order in the last N days ({@link Metrics#lapsedCustomers}).
 *
 * <pre>{@code
 * List<LapsedCustomer> lapsed = metrics.lapsedCustomers(LocalDate.parse("2025-12-31"), 60);
 * long neverBought = lapsed.stream().filter(c -> c.lastOrderDate().isEmpty()).count();
 * }</pre>
 *
 * @param customerId the customer
 * @param registrationDate the day they registered
 * @param lastOrderDate the day of their last order up to the reference day; empty when they never ordered
 * @param orders their orders up to the reference day
 */
public record LapsedCustomer(String customerId, LocalDate registrationDate, Optional<LocalDate> lastOrderDate,
                             long orders) {
    /** Validates the fields. */
    public LapsedCustomer {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(registrationDate, "registrationDate");
        Objects.requireNonNull(lastOrderDate, "lastOrderDate");
    }
}
