/**
 * Everything that differs between databases, and nothing else: {@link dev.bookstore.model.sql.Dialect} and the
 * small value types it speaks ({@link dev.bookstore.model.sql.Layer}, {@link dev.bookstore.model.sql.TableName},
 * {@link dev.bookstore.model.sql.DateUnit}, {@link dev.bookstore.model.sql.BulkWriter},
 * {@link dev.bookstore.model.sql.WarehouseLock}).
 *
 * <p>Other modules write portable SQL and ask the dialect for the few fragments that are not portable (date
 * truncation and arithmetic, percentiles, upserts, type names, bulk loads, locks). A new SQL dialect is never a
 * new {@code if} in a module: it is a method here.
 */
package dev.bookstore.model.sql;
