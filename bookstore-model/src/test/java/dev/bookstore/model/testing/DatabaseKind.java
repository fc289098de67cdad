package dev.bookstore.model.testing;

import java.util.Locale;

/**
 * The databases warehouse features are tested on: the four of every test, and Trino for the tests that ask for it
 * ({@code @EachDatabase(also = DatabaseKind.TRINO)}). Server URLs default to the local test servers and can be
 * overridden with system properties or environment variables ({@code BOOKSTORE_PG_URL},
 * {@code BOOKSTORE_MARIADB_URL}, {@code BOOKSTORE_TRINO_URL}). Trino's tests run only where
 * {@code BOOKSTORE_TRINO_URL} is set (as {@code scripts/trino-cluster start} prints it) or under {@code CI=true},
 * where the cluster {@code .ci/run} starts is expected at the script's default URL.
 */
public enum DatabaseKind {
    /** Embedded default; a fresh in-memory database per test. */
    DUCKDB(false, "jdbc:duckdb:"),
    /** Server; a fresh namespace (schemas) per test in database {@code test}. */
    POSTGRESQL(true, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
    /** Server; a fresh namespace (table prefix) per test in database {@code test}. */
    MARIADB(true, "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=&sslMode=disable"),
    /** Embedded; a fresh in-memory database per test. */
    H2(false, "jdbc:h2:mem:"),
    /** Distributed engine (a two-node cluster); a fresh namespace (schemas) per test in the URL's catalog. */
    TRINO(true, "jdbc:trino://127.0.0.1:18080/iceberg/bookstore?user=bookstore");

    private final boolean server;
    private final String defaultUrl;

    DatabaseKind(boolean server, String defaultUrl) {
        this.server = server;
        this.defaultUrl = defaultUrl;
    }

    /** Whether this is a server database that must be running for the tests. */
    public boolean isServer() {
        return server;
    }

    /** The JDBC URL tests use, after overrides. */
    public String url() {
        String key = switch (this) {
            case POSTGRESQL -> "BOOKSTORE_PG_URL";
            case MARIADB -> "BOOKSTORE_MARIADB_URL";
            case TRINO -> "BOOKSTORE_TRINO_URL";
            default -> "";
        };
        if (!key.isEmpty()) {
            String prop = System.getProperty(key.toLowerCase(Locale.ROOT).replace('_', '.'));
            if (prop != null && !prop.isBlank()) {
                return prop;
            }
            String env = System.getenv(key);
            if (env != null && !env.isBlank()) {
                return env;
            }
        }
        return defaultUrl;
    }

    /** The reason this database cannot be reached, or empty when it can (probed once per JVM). */
    public java.util.Optional<String> unreachable() {
        return PROBES.computeIfAbsent(this, k -> {
            if (!k.isServer()) {
                return java.util.Optional.empty();
            }
            if (k == TRINO && !serversRequired() && !configured("BOOKSTORE_TRINO_URL")) {
                return java.util.Optional.of("TRINO is not configured: set BOOKSTORE_TRINO_URL to the URL that "
                        + "scripts/trino-cluster start prints");
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(k.url())) {
                return java.util.Optional.empty();
            } catch (java.sql.SQLException e) {
                return java.util.Optional.of(k + " at " + k.url().replaceAll("(?i)password=[^&]*", "password=***")
                        + " is not reachable: " + e.getMessage());
            }
        });
    }

    private static boolean configured(String key) {
        String prop = System.getProperty(key.toLowerCase(Locale.ROOT).replace('_', '.'));
        String env = System.getenv(key);
        return prop != null && !prop.isBlank() || env != null && !env.isBlank();
    }

    private static final java.util.Map<DatabaseKind, java.util.Optional<String>> PROBES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Skips the running test because a server it needs is unavailable ({@code reason}), or fails it under
     * {@code CI=true}, which requires every server: the one rule for databases, the Trino cluster and the Kafka broker.
     */
    public static void unavailable(String reason) {
        if (serversRequired()) {
            throw new IllegalStateException(reason + " (CI=true requires every server; start it as .ci/run does)");
        }
        org.junit.jupiter.api.Assumptions.abort(reason + "; skipped because CI is not set");
    }

    /** Whether an unreachable server must fail the test (under {@code CI=true}) instead of skipping it. */
    public static boolean serversRequired() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || Boolean.getBoolean("bookstore.requireServers");
    }
}
