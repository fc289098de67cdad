package dev.bookstore.model.sql;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A module's own SQL macro: what a {@code {{name(arg, ...)}}} call in a template expands to, beside the built-in
 * vocabulary of {@link SqlRenderer}.
 *
 * <p>A macro is handed to one rendering as a define under its {@link #name()}, exactly like a fragment: through
 * {@link SqlRenderer#render(String, java.util.Map)} or Jdbi's {@code define(name, macro)}. It receives its
 * arguments already rendered (inner macros and placeholders expanded, split at commas outside parentheses and
 * quotes, stripped) and returns SQL text. It must never put caller values into that text: values are bound
 * ({@code :name}). Implementations are immutable and thread-safe.
 *
 * <pre>{@code
 * SqlMacro window = SqlMacro.of("incremental_window", 1, args -> "(" + args.get(0) + " >= :window_start)");
 * String sql = wh.render("SELECT * FROM ${marts:fct_orders} WHERE {{incremental_window(order_date)}}",
 *         Map.of(window.name(), window));
 * }</pre>
 */
public interface SqlMacro {

    /** The name a template calls it by: a lower-case word, not one of the built-in macros. */
    String name();

    /** How many arguments a call must have. */
    int arity();

    /**
     * The SQL a call expands to.
     *
     * @param arguments the call's {@link #arity()} arguments, rendered
     */
    String expand(List<String> arguments);

    /**
     * A macro from a function.
     *
     * @param name the name templates call it by
     * @param arity the number of arguments of every call
     * @param expansion the SQL of a call from its arguments
     */
    static SqlMacro of(String name, int arity, Function<List<String>, String> expansion) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expansion, "expansion");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("macro name '" + name + "' is not a lower-case word");
        }
        if (arity < 0) {
            throw new IllegalArgumentException("macro " + name + ": arity must be 0 or more, was " + arity);
        }
        return new SqlMacro() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int arity() {
                return arity;
            }

            @Override
            public String expand(List<String> arguments) {
                return expansion.apply(arguments);
            }

            @Override
            public String toString() {
                return "SqlMacro[" + name + "/" + arity + "]";
            }
        };
    }
}
