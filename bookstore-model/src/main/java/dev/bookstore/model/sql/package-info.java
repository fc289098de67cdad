/**
 * Everything that differs between databases, and nothing else: {@link dev.bookstore.model.sql.Dialect} and the
 * small value types it speaks ({@link dev.bookstore.model.sql.Layer}, {@link dev.bookstore.model.sql.TableName},
 * {@link dev.bookstore.model.sql.DateUnit}, {@link dev.bookstore.model.sql.BulkWriter},
 * {@link dev.bookstore.model.sql.WarehouseLock}).
 *
 * <p>Other modules write portable SQL and ask the dialect for the few fragments that are not portable (date
 * truncation and arithmetic, percentiles, upserts, type names, bulk loads, locks). A new SQL dialect is never a
 * new {@code if} in a module: it is a method here.
 *
 * <p>SQL text reaches the database through one template language: {@link dev.bookstore.model.sql.SqlResources}
 * loads the {@code .sql} resources (cached, comments stripped), {@link dev.bookstore.model.sql.SqlRenderer} renders
 * their placeholders and macros for the dialect (it is the warehouse's Jdbi template engine), and modules add
 * macros of their own as {@link dev.bookstore.model.sql.SqlMacro}s.
 */
package dev.bookstore.model.sql;
