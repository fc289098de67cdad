package dev.bookstore.model.sql;

import java.util.Objects;
import java.util.Optional;

/**
 * A validated, possibly schema-qualified table name, ready to be written into SQL.
 *
 * <pre>{@code
 * TableName t = warehouse.table(Layer.RAW, "orders");
 * String sql = "SELECT count(*) FROM " + t.sql();   // raw.orders, or raw_orders on MariaDB
 * }</pre>
 *
 * @param schema the schema (a database on MariaDB), when the table is qualified
 * @param name the table name
 */
public record TableName(Optional<String> schema, String name) {
    /** Validates both parts as identifiers. */
    public TableName {
        Objects.requireNonNull(schema, "schema");
        schema.ifPresent(s -> Identifiers.require(s, "schema name"));
        Identifiers.require(name, "table name");
    }

    /** The name as written in SQL: {@code schema.name} or {@code name}. */
    public String sql() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    @Override
    public String toString() {
        return sql();
    }
}
