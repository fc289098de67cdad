package dev.bookstore.model.sql;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The one loader of SQL resources: the {@code .sql} files beside the classes that run them, read once and cached.
 *
 * <p>{@link #load} strips comments ({@code --} to the end of a line and {@code /* ... *}{@code /}, outside quoted
 * text: Jdbi's {@link ClasspathSqlLocator#removingComments()}), so a file's header documents it without reaching
 * the database; {@link #loadRaw} keeps them, for files whose comment headers carry metadata (the transform's
 * models). A name is a path relative to the owner's package, {@code .sql} optional: {@code load(Metrics.class,
 * "rfm")} reads {@code dev/bookstore/metrics/rfm.sql}, {@code load(Schema.class, "schema/V1__raw_layer.sql")}
 * {@code dev/bookstore/model/schema/V1__raw_layer.sql}. The text is a template for {@link SqlRenderer}. A missing
 * resource is an {@link IllegalStateException} naming its path (a packaging fault, not a caller's mistake).
 * Thread-safe.
 *
 * <pre>{@code
 * String sql = SqlResources.load(Features.class, "churn_labels");
 * Set<String> buyers = wh.withHandle(h -> h.createQuery(sql).bind("as_of", asOf).mapTo(String.class).set());
 * }</pre>
 */
public final class SqlResources {
    private static final Map<String, String> STRIPPED = new ConcurrentHashMap<>();
    private static final Map<String, String> RAW = new ConcurrentHashMap<>();

    private SqlResources() {
    }

    /** The SQL of resource {@code name} beside {@code owner}, comments stripped, leading and trailing space removed. */
    public static String load(Class<?> owner, String name) {
        return STRIPPED.computeIfAbsent(path(owner, name), p -> read(owner, p, true).strip());
    }

    /** The text of resource {@code name} beside {@code owner} as it is, comments kept. */
    public static String loadRaw(Class<?> owner, String name) {
        return RAW.computeIfAbsent(path(owner, name), p -> read(owner, p, false));
    }

    private static String path(Class<?> owner, String name) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        String file = name.endsWith(".sql") ? name : name + ".sql";
        String pkg = owner.getPackageName().replace('.', '/');
        return pkg.isEmpty() ? file : pkg + "/" + file;
    }

    private static String read(Class<?> owner, String path, boolean stripComments) {
        ClassLoader loader = owner.getClassLoader();
        if (loader.getResource(path) == null) {
            throw new IllegalStateException("SQL resource " + path + " is missing from the class path");
        }
        ClasspathSqlLocator locator = stripComments ? ClasspathSqlLocator.removingComments()
                : ClasspathSqlLocator.create();
        return locator.getResource(loader, path);
    }
}
