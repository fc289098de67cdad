package dev.bookstore.etl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Where one source's rows come from: a file, or the caller's model records. */
sealed interface Source permits Source.File, Source.Records {
    /** A file in the source kind's format. @param path the file */
    record File(Path path) implements Source {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Model records given by the caller, validated like file rows.
     *
     * @param name what {@code source_name} and the report call them, e.g. {@code Stream<OrderLine>}
     * @param items the records
     * @param fields a record's values by input column name, as text
     * @param <I> the record type
     */
    record Records<I>(String name, Iterable<? extends I> items, Function<I, Map<String, String>> fields)
            implements Source {
        public Records {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(items, "items");
            Objects.requireNonNull(fields, "fields");
        }
    }
}
