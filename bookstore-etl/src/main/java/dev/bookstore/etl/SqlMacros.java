package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.sql.DateUnit;
import dev.bookstore.model.sql.Dialect;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Renders the {@code {{macro(arg, ...)}}} dialect fragments of model SQL, innermost first, so that a model is
 * written once for every database. Arguments are SQL expressions separated by commas outside parentheses and
 * quotes.
 *
 * <table>
 * <caption>Macros</caption>
 * <tr><td>{@code {{date_trunc(month, x)}}}</td><td>{@link Dialect#dateTrunc} (day, week, month, quarter, year)</td></tr>
 * <tr><td>{@code {{add_days(d, n)}}}</td><td>{@link Dialect#addDays}</td></tr>
 * <tr><td>{@code {{days_between(a, b)}}}</td><td>{@link Dialect#daysBetween}</td></tr>
 * <tr><td>{@code {{seconds_between(a, b)}}}</td><td>{@link Dialect#secondsBetween}</td></tr>
 * <tr><td>{@code {{iso_day_of_week(d)}}}</td><td>{@link Dialect#isoDayOfWeek}</td></tr>
 * <tr><td>{@code {{hour_of(ts)}}}</td><td>{@link Dialect#hourOf}</td></tr>
 * <tr><td>{@code {{sha256(x)}}}</td><td>{@link Dialect#sha256Hex}</td></tr>
 * <tr><td>{@code {{pii_hash(x)}}}</td><td>salted SHA-256 of text {@code x}; NULL stays NULL</td></tr>
 * <tr><td>{@code {{incremental_window(d)}}}</td><td>{@code d >= DATE 'first day of the window'} in an incremental
 * run, {@code 1 = 1} otherwise</td></tr>
 * </table>
 */
final class SqlMacros {
    static final List<String> NAMES = List.of("date_trunc", "add_days", "days_between", "seconds_between",
            "iso_day_of_week", "hour_of", "sha256", "pii_hash", "incremental_window");

    private final Dialect dialect;
    private final Supplier<String> salt;
    private final Optional<LocalDate> windowStart;

    /**
     * @param dialect the database's dialect
     * @param salt the PII salt, asked for only when a model uses {@code pii_hash}
     * @param windowStart the first day of an incremental window, empty for a full build
     */
    SqlMacros(Dialect dialect, Supplier<String> salt, Optional<LocalDate> windowStart) {
        this.dialect = dialect;
        this.salt = salt;
        this.windowStart = windowStart;
    }

    /**
     * Replaces every macro of {@code sql}.
     *
     * @param where names the file, for messages
     */
    String render(String sql, String where) {
        String out = sql;
        while (true) {
            int close = out.indexOf("}}");
            if (close < 0) {
                if (out.contains("{{")) {
                    throw new BookstoreException(where + ": '{{' without a closing '}}'");
                }
                return out;
            }
            int open = out.lastIndexOf("{{", close);
            if (open < 0) {
                throw new BookstoreException(where + ": '}}' without an opening '{{'");
            }
            String call = out.substring(open + 2, close).strip();
            out = out.substring(0, open) + expand(call, where) + out.substring(close + 2);
        }
    }

    private String expand(String call, String where) {
        int paren = call.indexOf('(');
        if (paren < 0 || !call.endsWith(")")) {
            throw new BookstoreException(where + ": cannot read macro {{" + call + "}}: write name(arguments), one of "
                    + String.join(", ", NAMES));
        }
        String name = call.substring(0, paren).strip();
        List<String> args = Arguments.split(call.substring(paren + 1, call.length() - 1));
        return switch (name) {
            case "date_trunc" -> {
                arity(name, args, 2, where);
                yield dialect.dateTrunc(unit(args.get(0), where), args.get(1));
            }
            case "add_days" -> {
                arity(name, args, 2, where);
                yield dialect.addDays(args.get(0), args.get(1));
            }
            case "days_between" -> {
                arity(name, args, 2, where);
                yield dialect.daysBetween(args.get(0), args.get(1));
            }
            case "seconds_between" -> {
                arity(name, args, 2, where);
                yield dialect.secondsBetween(args.get(0), args.get(1));
            }
            case "iso_day_of_week" -> {
                arity(name, args, 1, where);
                yield dialect.isoDayOfWeek(args.get(0));
            }
            case "hour_of" -> {
                arity(name, args, 1, where);
                yield dialect.hourOf(args.get(0));
            }
            case "sha256" -> {
                arity(name, args, 1, where);
                yield dialect.sha256Hex(args.get(0));
            }
            case "pii_hash" -> {
                arity(name, args, 1, where);
                String x = args.get(0);
                yield "(CASE WHEN (" + x + ") IS NULL THEN NULL ELSE " + dialect.sha256Hex("CONCAT('"
                        + TransformOptions.requireSalt(salt.get()) + "', " + x + ")") + " END)";
            }
            case "incremental_window" -> {
                arity(name, args, 1, where);
                yield windowStart.map(d -> "(" + args.get(0) + " >= DATE '" + d + "')").orElse("(1 = 1)");
            }
            default -> throw new BookstoreException(where + ": unknown macro {{" + name + "(..)}} (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static void arity(String name, List<String> args, int n, String where) {
        if (args.size() != n) {
            throw new BookstoreException(where + ": macro " + name + " takes " + n + " argument" + (n == 1 ? "" : "s")
                    + ", got " + args.size() + ": " + args);
        }
    }

    private static DateUnit unit(String word, String where) {
        try {
            return DateUnit.valueOf(word.strip().replace("'", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BookstoreException(where + ": date_trunc unit '" + word + "' is not one of day, week, month, "
                    + "quarter, year", e);
        }
    }

    /** Argument splitting: commas outside parentheses and single-quoted strings. */
    static final class Arguments {
        private Arguments() {
        }

        static List<String> split(String text) {
            List<String> out = new java.util.ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '\'') {
                    quoted = !quoted;
                } else if (!quoted && ch == '(') {
                    depth++;
                } else if (!quoted && ch == ')') {
                    depth--;
                }
                if (ch == ',' && depth == 0 && !quoted) {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            if (!cur.toString().isBlank() || !out.isEmpty()) {
                out.add(cur.toString().strip());
            }
            return out;
        }
    }
}
