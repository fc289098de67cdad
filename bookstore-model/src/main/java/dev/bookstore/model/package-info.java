/**
 * The bottom of Bookstore Analytics: typed domain records, the {@link dev.bookstore.model.Warehouse} handle
 * every module takes, and the warehouse schema.
 *
 * <p>Money is {@link java.math.BigDecimal} (stored as {@code DECIMAL}), timestamps are {@link java.time.Instant}
 * in UTC, and business days are computed in a configurable reporting zone ({@link
 * dev.bookstore.model.ReportingCalendar}), never in the JVM's default zone. No public method returns or accepts
 * {@code null}: optional values are {@link java.util.Optional}.
 */
package dev.bookstore.model;
