package dev.bookstore.ml;

import java.util.Objects;

/**
 * One customer's predicted value: probability of being alive at the end of the calibration period, expected
 * purchases and expected spend per purchase over the horizon, and the CLV (expected spend discounted monthly).
 * Immutable.
 *
 * <pre>{@code
 * CustomerValue v = clv.values(summary, 52, 0.01).get(0);
 * double value = v.clv();
 * }</pre>
 *
 * @param customerId the customer
 * @param probabilityAlive P(alive) under the purchase model
 * @param expectedPurchases expected purchases in the horizon
 * @param expectedSpend expected value per purchase (gamma-gamma)
 * @param clv expected value of the purchases in the horizon, discounted
 */
public record CustomerValue(String customerId, double probabilityAlive, double expectedPurchases,
                            double expectedSpend, double clv) {
    public CustomerValue {
        Objects.requireNonNull(customerId, "customerId");
    }
}
