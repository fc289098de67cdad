package dev.bookstore.model.sql;

import dev.bookstore.model.WarehouseException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** The two lock mechanisms: a session-level database lock (PostgreSQL, MariaDB) and a file lock. */
final class Locks {
    private static final ConcurrentHashMap<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private Locks() {
    }

    static String digest(String scope, String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((scope + "\u0000" + name)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A lock held by a session-level SQL lock function on a dedicated connection: {@code tryAcquireSql} tries once
     * (no waiting inside the database) and returns 1 on success; both statements take {@code key} as parameter.
     */
    static Optional<WarehouseLock> sessionLock(DataSource ds, Object key, String name, Duration wait,
                                               String tryAcquireSql, String releaseSql) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        Connection c = ds.getConnection();
        try {
            while (true) {
                if (queryBoolean(c, tryAcquireSql, key)) {
                    Connection held = c;
                    c = null;
                    return Optional.of(new WarehouseLock() {
                        private boolean released;

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
                            try (held) {
                                queryBoolean(held, releaseSql, key);
                            } catch (SQLException e) {
                                throw new WarehouseException("releasing lock '" + name + "' failed: " + e.getMessage(),
                                        e);
                            }
                        }
                    });
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
                sleep();
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    static boolean queryBoolean(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /**
     * A lock that excludes threads of this JVM (a semaphore) and other JVMs on this machine (an OS file lock on
     * a file under {@code java.io.tmpdir/bookstore-locks}).
     */
    static Optional<WarehouseLock> fileLock(String scope, String name, Duration wait) {
        String key = digest(scope, name);
        Semaphore local = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!local.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        FileChannel channel = null;
        boolean handedOut = false;
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bookstore-locks");
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock fl;
                try {
                    fl = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    fl = null;
                }
                if (fl != null) {
                    FileChannel held = channel;
                    FileLock heldLock = fl;
                    channel = null;
                    handedOut = true;
                    return Optional.of(new WarehouseLock() {
                        private boolean released;

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
                            try (held) {
                                heldLock.release();
                            } catch (IOException e) {
                                throw new WarehouseException("releasing lock '" + name + "' failed: " + e.getMessage(),
                                        e);
                            } finally {
                                local.release();
                            }
                        }
                    });
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
                sleep();
            }
        } catch (IOException e) {
            throw new WarehouseException("lock file for '" + name + "' could not be used: " + e.getMessage(), e);
        } finally {
            if (!handedOut) {
                local.release();
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while waiting for a lock", e);
        }
    }
}
