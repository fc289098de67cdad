package dev.bookstore.model;

import java.util.UUID;
import java.util.regex.Pattern;

/** URL handling for {@link Warehouse#connect}: shared in-memory databases and password redaction. */
final class JdbcUrls {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private JdbcUrls() {
    }

    record Resolved(String url, boolean keepOneOpen, boolean shutdownOnClose) {
    }

    static Resolved resolve(String url) {
        if (url.equals("jdbc:duckdb:") || url.equals("jdbc:duckdb::memory:") || url.equals("jdbc:duckdb:memory:")) {
            return new Resolved("jdbc:duckdb:memory:bookstore_" + UUID.randomUUID().toString().replace("-", ""), true,
                    false);
        }
        if (url.startsWith("jdbc:duckdb:memory:") || url.startsWith("jdbc:duckdb::memory:")) {
            return new Resolved(url, true, false);
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            String rest = url.substring("jdbc:h2:mem:".length());
            boolean unnamed = rest.isEmpty() || rest.startsWith(";");
            String named = unnamed ? "jdbc:h2:mem:bookstore_" + UUID.randomUUID().toString().replace("-", "") + rest
                    : url;
            boolean addDelay = !named.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_DELAY");
            return new Resolved(addDelay ? named + ";DB_CLOSE_DELAY=-1" : named, true, addDelay);
        }
        if (url.startsWith("jdbc:trino:") && !url.contains("explicitPrepare=")) {
            // one EXECUTE IMMEDIATE per statement instead of PREPARE + EXECUTE with the text in an HTTP header,
            // which a multi-row insert would overflow
            return new Resolved(url + (url.contains("?") ? "&" : "?") + "explicitPrepare=false", false, false);
        }
        return new Resolved(url, false, false);
    }

    /** A URL prefix, the driver class that accepts it and the Maven artifact that holds that class. */
    private record Driver(String prefix, String driverClass, String artifact) {
    }

    private static final java.util.List<Driver> DRIVERS = java.util.List.of(
            new Driver("jdbc:duckdb:", "org.duckdb.DuckDBDriver", "org.duckdb:duckdb_jdbc"),
            new Driver("jdbc:postgresql:", "org.postgresql.Driver", "org.postgresql:postgresql"),
            new Driver("jdbc:mariadb:", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client"),
            new Driver("jdbc:h2:", "org.h2.Driver", "com.h2database:h2"),
            new Driver("jdbc:trino:", "io.trino.jdbc.TrinoDriver", "io.trino:trino-jdbc"));

    /**
     * The message for a URL of a supported database whose JDBC driver {@code loader} cannot load: the drivers are
     * optional dependencies of bookstore-model, so an application adds the one it uses. Empty when one of the
     * loaders has the driver, or the URL is not one of the supported databases'.
     */
    static java.util.Optional<String> missingDriver(String url, ClassLoader... loaders) {
        for (Driver d : DRIVERS) {
            if (url.startsWith(d.prefix())) {
                for (ClassLoader loader : loaders) {
                    try {
                        Class.forName(d.driverClass(), false, loader);
                        return java.util.Optional.empty();
                    } catch (ClassNotFoundException | LinkageError e) {
                        // not this loader
                    }
                }
                return java.util.Optional.of("the JDBC driver for " + d.prefix() + " URLs is not on the classpath: "
                            + "add the dependency " + d.artifact() + " to the application (bookstore-model declares "
                            + "the drivers optional, so that an application carries only the one it uses; the "
                            + "version tested is in the bookstore-parent pom)");
            }
        }
        return java.util.Optional.empty();
    }

    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (m.contains("No suitable driver") || m.contains("Failed to get driver instance")) {
            return "no JDBC driver on the classpath accepts this URL (supported: jdbc:duckdb:, jdbc:postgresql:, "
                    + "jdbc:mariadb:, jdbc:h2:, jdbc:trino:)";
        }
        return m;
    }
}
