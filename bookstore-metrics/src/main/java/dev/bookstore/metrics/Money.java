package dev.bookstore.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Money arithmetic shared by the metrics: two decimals, rounded half-even. */
final class Money {
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    /** {@code amount / count} to the penny, empty when {@code count} is 0. */
    static Optional<BigDecimal> average(BigDecimal amount, long count) {
        return count == 0 ? Optional.empty()
                : Optional.of(amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN));
    }

    /** {@code part / whole}, 0 when {@code whole} is 0. */
    static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
