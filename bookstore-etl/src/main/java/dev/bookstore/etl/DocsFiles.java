package dev.bookstore.etl;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The documentation files written by {@code Transform.docs(dir)}.
 *
 * <pre>{@code
 * DocsFiles docs = Transform.on(warehouse).docs(Path.of("docs"));
 * Desktop.getDesktop().browse(docs.html().toUri());
 * }</pre>
 *
 * @param dataDictionary {@code data_dictionary.md}: every model and column with type, description, tests and PII flag
 * @param lineage {@code lineage.mmd}: the lineage as a Mermaid graph (sources, then models)
 * @param html {@code index.html}: one self-contained page with the lineage drawn as SVG and the dictionary
 */
public record DocsFiles(Path dataDictionary, Path lineage, Path html) {
    /** Validates the components. */
    public DocsFiles {
        Objects.requireNonNull(dataDictionary, "dataDictionary");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(html, "html");
    }
}
