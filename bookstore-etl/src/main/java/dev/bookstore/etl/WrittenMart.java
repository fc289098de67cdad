package dev.bookstore.etl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * A mart that a model writes back to the warehouse (e.g. bookstore-ml's {@code customer_clv} and
 * {@code demand_forecast}) rather than the transform building it, described for the docs by the header of its
 * create-table resource: {@code -- mart:}, {@code -- written_by:}, {@code -- reads:} (marts, comma-separated),
 * {@code -- unique_key:}, {@code -- description:} and {@code -- column <name> <TYPE> | <description> |} lines, as in
 * a model file. Modules announce such resources, one classpath path a line ({@code #} comments), in
 * {@value #INDEX}; the docs read every such index on the class path, so the etl module needs no dependency on the
 * module that writes the mart.
 *
 * @param name the mart's name (a table in the marts layer)
 * @param writtenBy what writes it (the API and the commands), for the docs
 * @param reads the marts its writer reads
 * @param uniqueKey its key columns
 * @param description what a row is
 * @param columns its columns
 * @param resource the resource it was read from
 */
record WrittenMart(String name, String writtenBy, List<String> reads, List<String> uniqueKey, String description,
                   List<ModelColumn> columns, String resource) {
    /** Where modules list the create-table resources of the marts they write. */
    static final String INDEX = "META-INF/bookstore/written-marts.list";

    WrittenMart {
        Objects.requireNonNull(name, "name");
        reads = List.copyOf(reads);
        uniqueKey = List.copyOf(uniqueKey);
        columns = List.copyOf(columns);
    }

    /** Every written mart announced on {@code loader}'s class path, in index order. */
    static List<WrittenMart> onClassPath(ClassLoader loader) {
        List<WrittenMart> out = new ArrayList<>();
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                for (String line : read(index).split("\n")) {
                    String resource = line.strip();
                    if (resource.isEmpty() || resource.startsWith("#")) {
                        continue;
                    }
                    URL file = loader.getResource(resource);
                    if (file == null) {
                        throw new IllegalStateException(index + " lists " + resource
                                + ", which is missing from the class path");
                    }
                    out.add(ModelFile.writtenMart(resource, read(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX + " from the class path: " + e.getMessage(), e);
        }
        return out;
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
