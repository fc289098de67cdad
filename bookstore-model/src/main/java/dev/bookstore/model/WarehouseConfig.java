package dev.bookstore.model;

import dev.bookstore.model.sql.Dialect;
import dev.bookstore.model.sql.Identifiers;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Warehouse} names its tables and talks to its database; validated on construction, immutable.
 *
 * <pre>{@code
 * WarehouseConfig config = WarehouseConfig.defaults()
 *         .withNamespace("bookstore")          // tables bookstore_raw.orders, or bookstore_raw_orders on MariaDB
 *         .withReportingZone("Europe/London")
 *         .withPoolSize(8);
 * }</pre>
 *
 * @param namespace a word prefixed to every schema (or table, where layers are prefixes); empty for none
 * @param schema put every layer into this one schema (a database on MariaDB) with layer prefixes on table names,
 *               instead of one schema per layer; empty for the default mapping
 * @param calendar the reporting zone in which business days are computed; stored by {@link Warehouse#init()}
 * @param poolSize maximum connections of the pool the warehouse owns (ignored for a caller's DataSource)
 * @param dialect a dialect to use instead of detecting one from the connection
 * @param connectTimeout how long to wait for a connection
 */
public record WarehouseConfig(String namespace, Optional<String> schema, ReportingCalendar calendar, int poolSize,
                              Optional<Dialect> dialect, Duration connectTimeout) {
    /** Validates every field, naming the option and the value when one is wrong. */
    public WarehouseConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (!namespace.isEmpty()) {
            Identifiers.require(namespace, "namespace");
            if (namespace.length() > 20) {
                throw new InvalidArgumentException("namespace '" + namespace + "' is longer than 20 characters");
            }
        }
        schema.ifPresent(s -> Identifiers.require(s, "schema"));
        if (poolSize < 1 || poolSize > 200) {
            throw new InvalidArgumentException("poolSize " + poolSize + " is outside 1..200");
        }
        if (connectTimeout.isNegative() || connectTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new InvalidArgumentException("connectTimeout " + connectTimeout + " is shorter than 250 ms");
        }
    }

    /** No namespace, a schema per layer, Europe/London, a pool of 4, a detected dialect, 30 s to connect. */
    public static WarehouseConfig defaults() {
        return new WarehouseConfig("", Optional.empty(), ReportingCalendar.DEFAULT, 4, Optional.empty(),
                Duration.ofSeconds(30));
    }

    /** A copy with this namespace (a lower-case word, or empty). */
    public WarehouseConfig withNamespace(String ns) {
        return new WarehouseConfig(ns, schema, calendar, poolSize, dialect, connectTimeout);
    }

    /** A copy placing every layer in one schema (or MariaDB database) with layer prefixes. */
    public WarehouseConfig withSchema(String s) {
        return new WarehouseConfig(namespace, Optional.of(s), calendar, poolSize, dialect, connectTimeout);
    }

    /** A copy with this reporting zone id, e.g. {@code Europe/London}. */
    public WarehouseConfig withReportingZone(String zoneId) {
        return new WarehouseConfig(namespace, schema, ReportingCalendar.of(zoneId), poolSize, dialect,
                connectTimeout);
    }

    /** A copy with this pool size (1..200). */
    public WarehouseConfig withPoolSize(int size) {
        return new WarehouseConfig(namespace, schema, calendar, size, dialect, connectTimeout);
    }

    /** A copy that uses {@code d} instead of detecting the dialect. */
    public WarehouseConfig withDialect(Dialect d) {
        return new WarehouseConfig(namespace, schema, calendar, poolSize, Optional.of(d), connectTimeout);
    }

    /** A copy with this connection timeout (at least 250 ms). */
    public WarehouseConfig withConnectTimeout(Duration timeout) {
        return new WarehouseConfig(namespace, schema, calendar, poolSize, dialect, timeout);
    }
}
