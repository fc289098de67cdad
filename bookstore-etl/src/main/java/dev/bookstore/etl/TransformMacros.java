package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.Dialect;
import dev.bookstore.model.sql.SqlMacro;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transform's own macros, beside the built-in vocabulary of the model's {@code SqlRenderer}:
 *
 * <table>
 * <caption>Macros of model SQL</caption>
 * <tr><td>{@code {{pii_hash(x)}}}</td><td>salted SHA-256 of text {@code x}; NULL stays NULL</td></tr>
 * <tr><td>{@code {{incremental_window(d)}}}</td><td>{@code d >= :window_start} (the first day of the window,
 * bound) in an incremental run, {@code 1 = 1} otherwise</td></tr>
 * </table>
 */
final class TransformMacros {
    private TransformMacros() {
    }

    /**
     * The macros of one build.
     *
     * @param dialect the database's dialect
     * @param salt the PII salt, asked for only when a model uses {@code pii_hash}
     * @param windowStart the first day of an incremental window, empty for a full build
     */
    static Map<String, SqlMacro> of(Dialect dialect, Supplier<String> salt, Optional<LocalDate> windowStart) {
        SqlMacro pii = SqlMacro.of("pii_hash", 1, args -> "(CASE WHEN (" + args.get(0) + ") IS NULL THEN NULL ELSE "
                + dialect.sha256Hex("CONCAT('" + TransformOptions.requireSalt(salt.get()) + "', " + args.get(0) + ")")
                + " END)");
        // the statement running the windowed SELECT binds :window_start (ModelBuilder)
        SqlMacro window = SqlMacro.of("incremental_window", 1, args -> windowStart
                .map(d -> "(" + args.get(0) + " >= :window_start)").orElse("(1 = 1)"));
        return Map.of(pii.name(), pii, window.name(), window);
    }

    /**
     * {@code template} rendered for {@code wh} with {@code macros}; a mistake in it names the file ({@code where}).
     */
    static String render(Warehouse wh, String template, String where, Map<String, SqlMacro> macros) {
        try {
            return wh.render(template, macros);
        } catch (BookstoreException e) {
            throw e.withContext(where);
        }
    }
}
