package dev.bookstore.model.sql;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL template parsed once into its parts: literal text, {@code ${kind:name}} placeholders, {@code {{name}}}
 * fragments and {@code {{name(arg, ...)}}} macro calls, whose arguments are parts again (calls nest). Arguments are
 * split at commas outside parentheses and single-quoted strings — the one argument splitter. Immutable.
 */
final class SqlTemplate {
    /** One part of a template. */
    sealed interface Part permits Text, Placeholder, Fragment, Call {
    }

    /** Literal SQL. */
    record Text(String sql) implements Part {
    }

    /** {@code ${kind:name}}: a table of a layer, or a type. */
    record Placeholder(String kind, String name) implements Part {
    }

    /** {@code {{name}}}: a caller's fragment. */
    record Fragment(String name) implements Part {
    }

    /** {@code {{name(args)}}}: a macro call; each argument is a list of parts. */
    record Call(String name, List<List<Part>> arguments) implements Part {
    }

    private final List<Part> parts;

    private SqlTemplate(List<Part> parts) {
        this.parts = parts;
    }

    List<Part> parts() {
        return parts;
    }

    /** Whether the template is plain SQL (nothing to render). */
    boolean isPlain() {
        return parts.isEmpty() || parts.size() == 1 && parts.get(0) instanceof Text;
    }

    /**
     * Parses {@code template}.
     *
     * @throws BookstoreException naming the mistake (an unclosed or stray brace, a malformed call)
     */
    static SqlTemplate parse(String template) {
        Parser p = new Parser(template);
        List<Part> parts = p.sequence(false);
        if (p.pos < template.length()) { // a stray '}}' at the top level
            throw new InvalidArgumentException("'}}' without an opening '{{' at offset " + p.pos + " of SQL template: "
                    + excerpt(template, p.pos));
        }
        return new SqlTemplate(List.copyOf(parts));
    }

    /** Splits {@code text} at commas outside parentheses and single-quoted strings; each piece stripped. */
    static List<String> splitArguments(String text) {
        List<String> out = new ArrayList<>();
        for (List<Part> argument : parse("{{f(" + text + ")}}").callArguments()) {
            out.add(((Text) argument.get(0)).sql());
        }
        return out;
    }

    private List<List<Part>> callArguments() {
        return ((Call) parts.get(0)).arguments().stream()
                .map(a -> a.isEmpty() ? List.<Part>of(new Text("")) : a).toList();
    }

    static String excerpt(String template, int at) {
        int from = Math.max(0, at - 30);
        int to = Math.min(template.length(), at + 30);
        return (from > 0 ? "..." : "") + template.substring(from, to).replace('\n', ' ')
                + (to < template.length() ? "..." : "");
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        /**
         * Parts up to the end of the text, or — inside a call's argument ({@code argument}) — up to the comma or
         * closing parenthesis that ends it at depth 0 outside quotes (left unread).
         */
        List<Part> sequence(boolean argument) {
            List<Part> out = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int depth = 0;
            boolean quoted = false;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (s.startsWith("{{", pos)) {
                    flush(text, out);
                    out.add(macro());
                    continue;
                }
                if (s.startsWith("${", pos)) {
                    flush(text, out);
                    out.add(placeholder());
                    continue;
                }
                if (s.startsWith("}}", pos) && !quoted && (!argument || depth == 0)) {
                    if (argument) {
                        throw error("'}}' inside the arguments of a macro call: a ')' is missing", pos);
                    }
                    break;
                }
                if (argument) {
                    if (c == '\'') {
                        quoted = !quoted;
                    } else if (!quoted && c == '(') {
                        depth++;
                    } else if (!quoted && c == ')') {
                        if (depth == 0) {
                            break;
                        }
                        depth--;
                    } else if (!quoted && c == ',' && depth == 0) {
                        break;
                    }
                }
                text.append(c);
                pos++;
            }
            flush(text, out);
            return out;
        }

        private static void flush(StringBuilder text, List<Part> out) {
            if (text.length() > 0) {
                out.add(new Text(text.toString()));
                text.setLength(0);
            }
        }

        /** {@code {{name}}} or {@code {{name(args)}}}, at {@code pos}. */
        private Part macro() {
            int open = pos;
            pos += 2;
            skipSpaces();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String name = s.substring(start, pos);
            skipSpaces();
            if (name.isEmpty()) {
                throw unclosedOr("a macro or fragment name after '{{'", open);
            }
            if (s.startsWith("}}", pos)) {
                pos += 2;
                return new Fragment(name);
            }
            if (pos >= s.length() || s.charAt(pos) != '(') {
                throw unclosedOr("'}}' or '(' after {{" + name, open);
            }
            pos++;
            List<List<Part>> arguments = new ArrayList<>();
            while (true) {
                List<Part> argument = strip(sequence(true));
                if (pos >= s.length()) {
                    throw error("'{{' without a closing '}}'", open);
                }
                char c = s.charAt(pos++);
                if (c == ',' || !argument.isEmpty() || !arguments.isEmpty()) {
                    arguments.add(argument);
                }
                if (c == ')') {
                    break;
                }
            }
            skipSpaces();
            if (!s.startsWith("}}", pos)) {
                throw unclosedOr("'}}' after the arguments of {{" + name + "(..)", open);
            }
            pos += 2;
            return new Call(name, List.copyOf(arguments));
        }

        /** {@code ${kind:name}}, at {@code pos}. */
        private Part placeholder() {
            int open = pos;
            int close = s.indexOf('}', pos);
            int colon = s.indexOf(':', pos);
            if (close < 0 || colon < 0 || colon > close) {
                throw error("malformed placeholder: write ${layer:table} or ${type:name}", open);
            }
            String kind = s.substring(pos + 2, colon).strip();
            String name = s.substring(colon + 1, close).strip();
            pos = close + 1;
            return new Placeholder(kind, name);
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private BookstoreException unclosedOr(String expected, int open) {
            return s.indexOf("}}", open) < 0 ? error("'{{' without a closing '}}'", open)
                    : error("expected " + expected, pos);
        }

        private BookstoreException error(String what, int at) {
            return new InvalidArgumentException(what + " at offset " + at + " of SQL template: " + excerpt(s, at));
        }

        /** Strips leading white space of the first text part and trailing of the last. */
        private static List<Part> strip(List<Part> parts) {
            List<Part> out = new ArrayList<>(parts);
            if (!out.isEmpty() && out.get(0) instanceof Text t) {
                String v = t.sql().stripLeading();
                if (v.isEmpty()) {
                    out.remove(0);
                } else {
                    out.set(0, new Text(v));
                }
            }
            if (!out.isEmpty() && out.get(out.size() - 1) instanceof Text t) {
                String v = t.sql().stripTrailing();
                if (v.isEmpty()) {
                    out.remove(out.size() - 1);
                } else {
                    out.set(out.size() - 1, new Text(v));
                }
            }
            return List.copyOf(out);
        }
    }
}
