package dev.bookstore.etl;

import java.util.Objects;

/**
 * A declared column of a model.
 *
 * @param name the column's name
 * @param type its SQL type as written in the model, possibly a placeholder such as {@code ${type:money}}
 * @param description what it holds, for the docs
 * @param pii whether it holds (masked) personal data
 */
record ModelColumn(String name, String type, String description, boolean pii) {
    ModelColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }
}
