package dev.bookstore.model.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per database (DuckDB, PostgreSQL, MariaDB, H2, and Trino where {@link #also} asks), injecting
 * a {@link TestDatabase} or its default {@link dev.bookstore.model.Warehouse}. Server databases that are down skip the test, except under
 * {@code CI=true}, where they fail it.
 *
 * <pre>{@code
 * @EachDatabase
 * void countsOrders(Warehouse wh) { wh.init(); ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseExtension.class)
public @interface EachDatabase {
    /** Restrict to these databases (default: all four). */
    DatabaseKind[] value() default {DatabaseKind.DUCKDB, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB,
            DatabaseKind.H2};

    /**
     * Databases to run on as well, e.g. {@code @EachDatabase(also = DatabaseKind.TRINO)} for the contract tests
     * chosen to run on Trino (slower per statement, so not every test).
     */
    DatabaseKind[] also() default {};
}
