package dev.bookstore.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public type or member as unstable: it may change or disappear in any release without notice. It is
 * public because the SDK's own modules need it across packages (Jdbi's {@code @Beta} is the model); callers
 * should not depend on it.
 *
 * <pre>{@code
 * @Beta
 * public <R> R withConnection(ConnectionCallback<R> callback) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Beta {
}
