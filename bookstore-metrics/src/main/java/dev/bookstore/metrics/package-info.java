/**
 * Business metrics over a warehouse's marts: one front door, {@link dev.bookstore.metrics.Metrics}, whose methods
 * each answer one question with one SQL query pushed down to the database and return typed, immutable records.
 *
 * <pre>{@code
 * Metrics metrics = Metrics.on(warehouse);
 * DateRange q4 = DateRange.of(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-12-31"));
 * List<RevenuePoint> weekly = metrics.revenue(q4, Granularity.WEEK);
 * List<RetentionCohort> cohorts = metrics.retention(q4);
 * }</pre>
 *
 * <p>The SQL lives beside the code in {@code dev/bookstore/metrics/*.sql} (one file per question, named after what
 * it computes) and in {@code FunnelSql} (the funnel, whose shape depends on its steps); every difference between
 * databases goes through {@link dev.bookstore.model.sql.Dialect}. The shared definitions of revenue, orders,
 * sessions and days are written on {@link dev.bookstore.metrics.Metrics}.
 */
package dev.bookstore.metrics;
