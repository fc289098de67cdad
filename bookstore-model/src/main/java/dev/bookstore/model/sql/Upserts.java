package dev.bookstore.model.sql;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code INSERT ... ON CONFLICT} upsert shared by DuckDB and PostgreSQL. */
final class Upserts {
    private Upserts() {
    }

    static String insertPrefix(TableName table, List<String> columns) {
        columns.forEach(c -> Identifiers.require(c, "column name"));
        return "INSERT INTO " + table.sql() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    static List<String> nonKey(List<String> columns, List<String> keyColumns) {
        if (keyColumns.isEmpty() || !columns.containsAll(keyColumns)) {
            throw new IllegalArgumentException("upsert key " + keyColumns + " must be a non-empty subset of "
                    + columns);
        }
        keyColumns.forEach(c -> Identifiers.require(c, "key column name"));
        return columns.stream().filter(c -> !keyColumns.contains(c)).toList();
    }

    static String onConflict(TableName table, List<String> columns, List<String> keyColumns) {
        List<String> update = nonKey(columns, keyColumns);
        String base = insertPrefix(table, columns) + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO ";
        if (update.isEmpty()) {
            return base + "NOTHING";
        }
        return base + "UPDATE SET " + update.stream().map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
    }
}
