package dev.bookstore.metrics;

import dev.bookstore.model.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Metrics} caches results; validated on construction, immutable.
 *
 * <pre>{@code
 * Metrics metrics = Metrics.on(warehouse, MetricsOptions.defaults()
 *         .withCacheSize(5_000)
 *         .withCacheTtl(Duration.ofMinutes(30))
 *         .withVersionCheckEvery(Duration.ofSeconds(5)));   // trade freshness for one query less per call
 * }</pre>
 *
 * @param cacheSize the most results kept (0 turns caching off)
 * @param cacheTtl how long a result is kept after it was computed (positive)
 * @param versionCheckEvery how often the warehouse's data version is read: {@link Duration#ZERO} (the default)
 *                          reads it on every call, so a result is never older than the last transform run; a
 *                          positive interval saves that query at the price of serving results up to that long
 *                          after a run (an explicit {@link Metrics#invalidate()} always takes effect at once)
 */
public record MetricsOptions(long cacheSize, Duration cacheTtl, Duration versionCheckEvery) {
    /** Validates every field, naming the option and the value when one is wrong. */
    public MetricsOptions {
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(versionCheckEvery, "versionCheckEvery");
        if (cacheSize < 0) {
            throw new InvalidArgumentException("cacheSize " + cacheSize + " is negative (0 turns caching off)");
        }
        if (cacheTtl.isNegative() || cacheTtl.isZero()) {
            throw new InvalidArgumentException("cacheTtl " + cacheTtl + " must be positive");
        }
        if (versionCheckEvery.isNegative()) {
            throw new InvalidArgumentException("versionCheckEvery " + versionCheckEvery
                    + " is negative (ZERO checks on "
                    + "every call)");
        }
    }

    /** 1,000 results for 10 minutes, the data version read on every call. */
    public static MetricsOptions defaults() {
        return new MetricsOptions(1_000, Duration.ofMinutes(10), Duration.ZERO);
    }

    /** A copy keeping at most {@code size} results (0 turns caching off). */
    public MetricsOptions withCacheSize(long size) {
        return new MetricsOptions(size, cacheTtl, versionCheckEvery);
    }

    /** A copy keeping results for {@code ttl}. */
    public MetricsOptions withCacheTtl(Duration ttl) {
        return new MetricsOptions(cacheSize, ttl, versionCheckEvery);
    }

    /** A copy reading the data version at most every {@code interval}. */
    public MetricsOptions withVersionCheckEvery(Duration interval) {
        return new MetricsOptions(cacheSize, cacheTtl, interval);
    }

    /** A copy without caching: every call queries the database. */
    public MetricsOptions withoutCache() {
        return withCacheSize(0);
    }
}
