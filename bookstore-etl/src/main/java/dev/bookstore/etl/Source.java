package dev.bookstore.etl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Where one source's rows come from: a file, the caller's model records, a JDBC query, or a quarantine. */
sealed interface Source permits Source.File, Source.Records, Source.Jdbc, Source.Quarantine {
    /** A file. @param path the file @param format its format */
    record File(Path path, Format format) implements Source {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
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

    /** Rows of a query against another database. @param source the query */
    record Jdbc(JdbcSource source) implements Source {
        public Jdbc {
            Objects.requireNonNull(source, "source");
        }
    }

    /** The rows quarantined for one kind, validated again. @param kind the kind */
    record Quarantine(SourceKind kind) implements Source {
        public Quarantine {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
