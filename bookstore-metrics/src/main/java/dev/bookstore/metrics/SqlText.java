package dev.bookstore.metrics;

import dev.bookstore.model.Warehouse;
import dev.bookstore.model.sql.DateUnit;
import dev.bookstore.model.sql.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics' SQL text: templates in {@code dev/bookstore/metrics/<name>.sql}, rendered for one warehouse.
 *
 * <p>Rendering, in order: macros {@code {{...}}}, innermost first — the dialect's date fragments
 * ({@code {{trunc(expr)}}} to the {@code grain} fragment's unit, {@code {{add_days(d, n)}}},
 * {@code {{days_between(a, b)}}}, {@code {{seconds_between(a, b)}}}, {@code {{iso_dow(d)}}}, {@code {{hour(ts)}}},
 * {@code {{local(ts)}}} for the wall-clock time in the reporting zone), the portable {@code {{month_index(d)}}}
 * (year × 12 + month), {@code {{events}}} for the event-level relation ({@link Relations#EVENTS}), and
 * {@code {{name}}} for a fragment the caller passes (trusted SQL chosen from enums, never user text); then the
 * warehouse's {@code ${layer:table}} placeholders. Values are never rendered: they are bound as parameters
 * ({@code :name}).
 */
final class SqlText {
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private SqlText() {
    }

    /** The template {@code name}.sql beside this class. */
    static String template(String name) {
        return TEMPLATES.computeIfAbsent(name, n -> {
            String path = n + ".sql";
            try (InputStream in = SqlText.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("SQL resource dev/bookstore/metrics/" + path + " is missing");
                }
                return stripComments(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read SQL resource " + path, e);
            }
        });
    }

    /** Drops whole-line {@code --} comments (the templates' headers). */
    private static String stripComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    /** Renders {@code template} for {@code wh} with the caller's fragments. */
    static String render(String template, Warehouse wh, Map<String, String> fragments) {
        String sql = template;
        while (true) {
            int close = sql.indexOf("}}");
            if (close < 0) {
                break;
            }
            int open = sql.lastIndexOf("{{", close);
            if (open < 0) {
                throw new IllegalStateException("unbalanced '}}' in SQL template: " + sql);
            }
            String macro = sql.substring(open + 2, close).strip();
            sql = sql.substring(0, open) + expand(macro, wh, fragments) + sql.substring(close + 2);
        }
        return wh.render(sql);
    }

    private static String expand(String macro, Warehouse wh, Map<String, String> fragments) {
        int paren = macro.indexOf('(');
        if (paren < 0) {
            if (macro.equals("events")) {
                return Relations.EVENTS;
            }
            String fragment = fragments.get(macro);
            if (fragment == null) {
                throw new IllegalStateException("SQL fragment {{" + macro + "}} was not given");
            }
            return fragment;
        }
        if (!macro.endsWith(")")) {
            throw new IllegalStateException("malformed SQL macro {{" + macro + "}}");
        }
        String fn = macro.substring(0, paren).strip();
        List<String> args = splitArguments(macro.substring(paren + 1, macro.length() - 1));
        Dialect d = wh.dialect();
        return switch (fn) {
            case "trunc" -> d.dateTrunc(DateUnit.valueOf(required(fragments, "grain")), arg(args, 0, 1, fn));
            case "add_days" -> d.addDays(arg(args, 0, 2, fn), args.get(1));
            case "days_between" -> d.daysBetween(arg(args, 0, 2, fn), args.get(1));
            case "seconds_between" -> d.secondsBetween(arg(args, 0, 2, fn), args.get(1));
            case "iso_dow" -> d.isoDayOfWeek(arg(args, 0, 1, fn));
            case "hour" -> d.hourOf(arg(args, 0, 1, fn));
            case "local" -> d.localTimestamp(arg(args, 0, 1, fn), wh.calendar().zone());
            case "month_index" -> "(EXTRACT(YEAR FROM " + arg(args, 0, 1, fn) + ") * 12 + EXTRACT(MONTH FROM "
                    + args.get(0) + "))";
            default -> throw new IllegalStateException("unknown SQL macro {{" + macro + "}}");
        };
    }

    private static String required(Map<String, String> fragments, String name) {
        String v = fragments.get(name);
        if (v == null) {
            throw new IllegalStateException("SQL fragment {{" + name + "}} was not given");
        }
        return v;
    }

    private static String arg(List<String> args, int index, int expected, String fn) {
        if (args.size() != expected) {
            throw new IllegalStateException("SQL macro " + fn + " takes " + expected + " arguments, got " + args);
        }
        return args.get(index);
    }

    /** Splits at commas outside parentheses and quotes. */
    static List<String> splitArguments(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(text.substring(start).strip());
        return out;
    }

    /**
     * A statement with {@code :name} parameters turned into JDBC's {@code ?}, and the names in order. Quoted text
     * is left alone.
     */
    record Bound(String sql, List<String> names) {
    }

    static Bound bind(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int j = i + 1;
                while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                names.add(sql.substring(i + 1, j));
                out.append('?');
                i = j - 1;
            } else {
                out.append(c);
            }
        }
        return new Bound(out.toString(), List.copyOf(names));
    }
}
