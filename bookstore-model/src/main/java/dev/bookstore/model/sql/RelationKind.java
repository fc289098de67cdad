package dev.bookstore.model.sql;

/**
 * What a named relation is in the database, as {@link DialectRuntime#relationKind} reports it.
 *
 * <pre>{@code
 * Optional<RelationKind> kind = dialect.runtime().relationKind(connection, warehouse.table(Layer.MARTS, "fct_orders"));
 * boolean isView = kind.equals(Optional.of(RelationKind.VIEW));
 * }</pre>
 */
public enum RelationKind {
    /** A base table holding rows. */
    TABLE,
    /** A view: a stored query. */
    VIEW
}
