package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A warehouse lock on Trino, which has neither advisory locks nor unique constraints: a lock table
 * ({@code bookstore_locks} in the connection's current schema) of claims with leases; its statements are the
 * {@code trino_lock_*.sql} resources of this package.
 *
 * <p>To acquire, a contender inserts a claim (key, its own random holder id, expiry = now + lease) and then reads
 * the unexpired claims of the key: it holds the lock when its claim is the only one; otherwise it withdraws its
 * claim and tries again after a random pause. Safety needs no compare-and-set: of two contenders the one that
 * reads later sees the other's claim (each inserted before reading), so at most one wins; both may lose a round,
 * hence the random pause. A holder renews its lease every third of it; the claim of a holder that died expires
 * after {@link #LEASE} and is then ignored and deleted. Times come from the coordinator's clock only.
 */
final class TrinoLeaseLock {
    /** How long a claim lives without renewal. */
    static final Duration LEASE = Duration.ofSeconds(60);

    /** Attempts of a delete of claims that meets concurrent commits. */
    private static final int WRITE_ATTEMPTS = 10;
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bookstore-trino-lock-renewal");
        t.setDaemon(true);
        return t;
    });

    /** The data sources whose lock table is known to exist. */
    private static final Set<DataSource> CREATED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private TrinoLeaseLock() {
    }

    static Optional<WarehouseLock> tryLock(DataSource dataSource, String scope, String name, Duration wait)
            throws SQLException {
        Jdbi jdbi = Jdbi.create(dataSource);
        String key = Locks.digest(scope, name);
        String holder = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            createTable(dataSource, jdbi);
            while (true) {
                if (claimAlone(jdbi, key, name, holder)) {
                    update(jdbi, "expire", key, holder);
                    return Optional.of(new Held(jdbi, key, name, holder));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                long pause = ThreadLocalRandom.current().nextLong(100, 400);
                Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            update(jdbi, "release", key, holder);
            return Optional.empty();
        } catch (JdbiException e) {
            throw new SQLException("lock table bookstore_locks: " + e.getMessage(), e);
        }
    }

    /** Creates the lock table unless it exists (once per data source); a concurrent creation is no failure. */
    private static void createTable(DataSource dataSource, Jdbi jdbi) {
        if (CREATED.contains(dataSource)) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.execute(sql("create")));
        } catch (JdbiException first) {
            jdbi.useHandle(h -> h.execute(sql("create")));
        }
        CREATED.add(dataSource);
    }

    /** One round: claim, then look; withdraws the claim when another is there too. */
    private static boolean claimAlone(Jdbi jdbi, String key, String name, String holder) {
        try {
            jdbi.useHandle(h -> h.createUpdate(sql("claim")).bind("lock_key", key).bind("lock_name", name)
                    .bind("holder", holder).bind("lease_seconds", LEASE.toSeconds()).execute());
            List<String> holders = jdbi.withHandle(h -> h.createQuery(sql("holders")).bind("lock_key", key)
                    .mapTo(String.class).list());
            if (holders.equals(List.of(holder))) {
                return true;
            }
        } catch (JdbiException e) {
            // a commit conflict with a concurrent claim: this round is lost, the claim withdrawn below
        }
        update(jdbi, "release", key, holder);
        return false;
    }

    /**
     * Runs a delete of claims, again after a short random pause when it fails: Iceberg refuses a commit that
     * conflicts with a concurrent one on the same rows' files (another contender withdrawing its claim), and such a
     * conflict passes.
     */
    private static void update(Jdbi jdbi, String statement, String key, String holder) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useHandle(h -> h.createUpdate(sql(statement)).bind("lock_key", key).bind("holder", holder)
                        .execute());
                return;
            } catch (JdbiException e) {
                if (attempt >= WRITE_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String sql(String name) {
        return SqlResources.load(TrinoLeaseLock.class, "trino_lock_" + name);
    }

    private static final class Held implements WarehouseLock {
        private final Jdbi jdbi;
        private final String key;
        private final String name;
        private final String holder;
        private final ScheduledFuture<?> renewal;
        private boolean released;

        Held(Jdbi jdbi, String key, String name, String holder) {
            this.jdbi = jdbi;
            this.key = key;
            this.name = name;
            this.holder = holder;
            long every = LEASE.toMillis() / 3;
            this.renewal = RENEWALS.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                jdbi.useHandle(h -> h.createUpdate(sql("renew")).bind("lock_key", key).bind("holder", holder)
                        .bind("lease_seconds", LEASE.toSeconds()).execute());
            } catch (JdbiException e) {
                // tried again at the next renewal, a third of a lease later
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            renewal.cancel(false);
            try {
                update(jdbi, "release", key, holder);
            } catch (JdbiException e) {
                throw new WarehouseException("releasing lock '" + name + "' failed (it expires within "
                        + LEASE.toSeconds() + " s): " + e.getMessage(), e);
            }
        }
    }
}
