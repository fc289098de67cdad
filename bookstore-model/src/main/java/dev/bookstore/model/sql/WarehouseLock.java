package dev.bookstore.model.sql;

/**
 * A named lock held across JVMs (PostgreSQL advisory lock, MariaDB {@code GET_LOCK}, a file lock for the
 * embedded databases), so that two pipeline runs never interleave. Release it by closing it.
 *
 * <pre>{@code
 * try (WarehouseLock lock = warehouse.lock("pipeline", Duration.ofMinutes(5))) {
 *     // only one holder at a time, in any JVM
 * }
 * }</pre>
 */
public interface WarehouseLock extends AutoCloseable {
    /** The lock's name. */
    String name();

    /** Releases the lock; closing twice is harmless. */
    @Override
    void close();
}
