package dev.bookstore.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public type, method or field as not yet stable: it may change incompatibly, or go away, in any release,
 * without a deprecation period. Everything public without it follows the usual rules (deprecated for a release
 * before it changes). Modelled on Jdbi's {@code org.jdbi.v3.meta.Beta}.
 *
 * <pre>{@code
 * @Beta
 * public record MetricsReport(...) { ... }   // its JSON shape may still grow for the dashboard
 * }</pre>
 *
 * <p>Kept in class files and shown in the Javadoc, so tools (and reviewers) can find what an application relies
 * on that may still move: {@code grep -r @Beta} or a check on the annotation in the bytecode.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Beta {
}
