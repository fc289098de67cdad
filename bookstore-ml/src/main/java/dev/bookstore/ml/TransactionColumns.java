package dev.bookstore.ml;

import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Where the customer, the date and the amount are in a transactions CSV file (header names), and how its dates
 * are written ({@link DateTimeFormatter} pattern, e.g. {@code yyyy-MM-dd} or {@code yyyyMMdd}; a date-time value
 * is accepted when the pattern covers its date part at the start). Immutable.
 *
 * <pre>{@code
 * TransactionColumns cols = new TransactionColumns("customer_id", "order_date", "amount", "yyyy-MM-dd");
 * RfmSummary s = Clv.summary(Path.of("transactions.csv"), cols, LocalDate.parse("1997-09-30"), Optional.empty());
 * }</pre>
 *
 * @param customer header of the customer id column
 * @param date header of the purchase date column
 * @param amount header of the purchase value column
 * @param datePattern the dates' pattern
 */
public record TransactionColumns(String customer, String date, String amount, String datePattern) {
    public TransactionColumns {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(datePattern, "datePattern");
        try {
            DateTimeFormatter.ofPattern(datePattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("date pattern '" + datePattern + "' is not a valid DateTimeFormatter "
                    + "pattern (e.g. yyyy-MM-dd): " + e.getMessage(), e);
        }
    }

    /**
     * ISO dates ({@code yyyy-MM-dd}).
     *
     * @param customer header of the customer id column
     * @param date header of the purchase date column
     * @param amount header of the purchase value column
     * @return the columns
     */
    public static TransactionColumns iso(String customer, String date, String amount) {
        return new TransactionColumns(customer, date, amount, "yyyy-MM-dd");
    }
}
