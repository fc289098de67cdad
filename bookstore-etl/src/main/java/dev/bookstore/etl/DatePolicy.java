package dev.bookstore.etl;

/**
 * How {@link Ingest} reads dates written with slashes ({@code 25/03/2025}, {@code 3/4/2025}); ISO dates
 * ({@code 2025-03-25}) are always accepted. A date is never silently guessed: under {@link #REJECT_AMBIGUOUS} a
 * slashed date whose first two numbers are both at most 12 is rejected with a message saying so.
 *
 * <pre>{@code
 * IngestOptions options = IngestOptions.defaults().withDatePolicy(DatePolicy.REJECT_AMBIGUOUS);
 * }</pre>
 */
public enum DatePolicy {
    /** {@code dd/MM/yyyy}: {@code 03/04/2025} is 3 April 2025; {@code 04/25/2025} is rejected as invalid. */
    DAY_FIRST,
    /** {@code MM/dd/yyyy}: {@code 03/04/2025} is 4 March 2025; {@code 25/03/2025} is rejected as invalid. */
    MONTH_FIRST,
    /**
     * Accept a slashed date only when its reading is forced: {@code 25/03/2025} (day first) and
     * {@code 03/25/2025} (month first) are fine, {@code 03/04/2025} is rejected as ambiguous.
     */
    REJECT_AMBIGUOUS
}
