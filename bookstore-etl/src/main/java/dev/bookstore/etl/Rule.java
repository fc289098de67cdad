package dev.bookstore.etl;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A named check on a typed row, with a severity. Rules are small and composable: a source's rule set is a list of
 * them, applied in order to every row that parsed; each failure becomes a {@link Violation}.
 *
 * <pre>{@code
 * Rule<OrderLine> negativePrice = Rule.error("negative_price",
 *         l -> l.unitPrice().signum() < 0 ? Optional.of("unit_price " + l.unitPrice() + " is negative")
 *                                          : Optional.empty());
 * }</pre>
 *
 * @param <T> the row type
 */
interface Rule<T> {
    /** The rule's stable name, used as the key in reports, e.g. {@code negative_price}. */
    String name();

    /** What a failure does to the row. */
    Severity severity();

    /** Empty when {@code row} passes; otherwise what is wrong, naming the field and the bad value. */
    Optional<String> check(T row);

    /** Applies this rule: the violation, when the row fails it. */
    default Optional<Violation> apply(T row) {
        return check(row).map(message -> new Violation(name(), severity(), message));
    }

    /** A rule of severity {@code severity} whose check is {@code check}. */
    static <T> Rule<T> of(String name, Severity severity, Function<T, Optional<String>> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        return new Rule<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Severity severity() {
                return severity;
            }

            @Override
            public Optional<String> check(T row) {
                return check.apply(row);
            }

            @Override
            public String toString() {
                return severity.name().toLowerCase(java.util.Locale.ROOT) + " rule " + name;
            }
        };
    }

    /** An error rule: failing rows are rejected. */
    static <T> Rule<T> error(String name, Function<T, Optional<String>> check) {
        return of(name, Severity.ERROR, check);
    }

    /** A warning rule: failing rows are loaded and counted. */
    static <T> Rule<T> warning(String name, Function<T, Optional<String>> check) {
        return of(name, Severity.WARNING, check);
    }

    /** A rule failing when {@code bad} holds, with the message {@code message} computes from the row. */
    static <T> Rule<T> when(String name, Severity severity, Predicate<T> bad, Function<T, String> message) {
        return of(name, severity, row -> bad.test(row) ? Optional.of(message.apply(row)) : Optional.empty());
    }
}
