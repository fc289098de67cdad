package dev.bookstore.etl;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns that identify a row of a raw table for duplicate detection: a valid row is a duplicate when a row
 * with equal key columns is already in the raw table, or was read earlier in the same load. Nullable key columns
 * must be text: they are compared with {@code NULL} equal to {@code NULL} (as {@code COALESCE(c, '')}, which is
 * safe because ingest never stores an empty string: an empty value is {@code NULL}).
 *
 * @param columns the key columns, the first one(s) backed by an index of the raw table (primary key prefix)
 * @param nullableText the key columns that may be {@code NULL} (text columns only)
 */
record NaturalKey(List<String> columns, Set<String> nullableText) {
    NaturalKey {
        columns = List.copyOf(columns);
        nullableText = Set.copyOf(nullableText);
        if (columns.isEmpty() || !columns.containsAll(nullableText)) {
            throw new IllegalArgumentException("bad natural key " + columns + " / " + nullableText);
        }
    }

    static NaturalKey of(String... columns) {
        return new NaturalKey(List.of(columns), Set.of());
    }

    NaturalKey nullable(String... textColumns) {
        return new NaturalKey(columns, Set.of(textColumns));
    }

    /** {@code a.k1 = b.k1 AND COALESCE(a.k2, '') = COALESCE(b.k2, '') ...}. */
    String equal(String a, String b) {
        return columns.stream().map(c -> nullableText.contains(c)
                ? "COALESCE(" + a + "." + c + ", '') = COALESCE(" + b + "." + c + ", '')"
                : a + "." + c + " = " + b + "." + c).collect(Collectors.joining(" AND "));
    }

    /** {@code a.k1, a.k2}: the key as a {@code PARTITION BY} list ({@code NULL}s fall in one partition). */
    String list(String alias) {
        Objects.requireNonNull(alias, "alias");
        return columns.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }
}
