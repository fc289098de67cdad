package dev.bookstore.model;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered customer of the store.
 *
 * <pre>{@code
 * Customer c = new Customer("CUST_1523", "ada.lovelace1523@example.com", "Ada", "Lovelace",
 *         LocalDate.parse("2024-11-02"), "London", Optional.of("Greater London"), "United Kingdom", Optional.of("email"));
 * }</pre>
 *
 * @param customerId stable identifier, e.g. {@code CUST_1523}
 * @param email contact address (personal data: masked in marts)
 * @param firstName given name (personal data)
 * @param lastName family name (personal data)
 * @param registrationDate the business day the customer registered
 * @param city home city
 * @param state home region or county, when known
 * @param country home country
 * @param acquisitionChannel the marketing channel that brought the customer, when known
 */
public record Customer(String customerId, String email, String firstName, String lastName, LocalDate registrationDate,
                       String city, Optional<String> state, String country, Optional<String> acquisitionChannel) {
    /** Rejects missing required fields. */
    public Customer {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(registrationDate, "registrationDate");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(acquisitionChannel, "acquisitionChannel");
    }
}
