package dev.bookstore.model.sql;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The one SQL template language of Bookstore Analytics: renders a template for one warehouse's database, and is
 * the Jdbi {@link TemplateEngine} of the warehouse's {@code Jdbi}, so that {@code h.createQuery(template)} renders
 * by itself.
 *
 * <p>What a template may contain:
 * <table>
 * <caption>The vocabulary</caption>
 * <tr><td>{@code ${raw:orders}}, {@code ${staging:..}}, {@code ${intermediate:..}}, {@code ${marts:..}},
 *     {@code ${meta:..}}</td><td>the physical name of a table of a layer (namespace and layer mapping applied)</td></tr>
 * <tr><td>{@code ${type:timestamp}}, {@code ${type:text}}, {@code ${type:double}}, {@code ${type:money}}</td>
 *     <td>the dialect's type names</td></tr>
 * <tr><td>{@code {{date_trunc(unit, x)}}}</td><td>{@link Dialect#dateTrunc}; unit one of day, week, month, quarter,
 *     year (any case, quotes allowed, or a fragment such as {@code {{grain}}})</td></tr>
 * <tr><td>{@code {{add_days(d, n)}}}</td><td>{@link Dialect#addDays}</td></tr>
 * <tr><td>{@code {{days_between(a, b)}}}</td><td>{@link Dialect#daysBetween}</td></tr>
 * <tr><td>{@code {{seconds_between(a, b)}}}</td><td>{@link Dialect#secondsBetween}</td></tr>
 * <tr><td>{@code {{iso_day_of_week(d)}}}</td><td>{@link Dialect#isoDayOfWeek}, 1 = Monday</td></tr>
 * <tr><td>{@code {{hour_of(ts)}}}</td><td>{@link Dialect#hourOf}</td></tr>
 * <tr><td>{@code {{local_time(ts)}}}</td><td>{@link Dialect#localTimestamp} in the warehouse's reporting zone</td></tr>
 * <tr><td>{@code {{month_index(d)}}}</td><td>year × 12 + month, for month arithmetic</td></tr>
 * <tr><td>{@code {{sha256(x)}}}</td><td>{@link Dialect#sha256Hex}</td></tr>
 * <tr><td>{@code {{text(x)}}}</td><td>{@link Dialect#text}: a number, date or timestamp as text, e.g. for
 *     {@code CONCAT}</td></tr>
 * <tr><td>{@code {{name}}}</td><td>a fragment the caller defines: trusted SQL chosen from enums, never user
 *     text; itself rendered when it holds placeholders or macros</td></tr>
 * <tr><td>{@code {{name(args)}}}</td><td>a {@link SqlMacro} the caller defines</td></tr>
 * </table>
 * Calls nest ({@code {{add_days({{date_trunc(month, d)}}, -1)}}}); a macro receives its arguments rendered. Values
 * are never rendered: write {@code :name} and bind them. Defines are the caller's fragments (text; a number or an
 * enum constant stands for its digits or name) and macros ({@link SqlMacro} values), by name: the {@code Map} of
 * {@link #render(String, Map)}, or Jdbi's {@code define(name, value)} on a statement.
 *
 * <p>A template is parsed once and cached (Jdbi caches its {@link #parse parse}; {@link #render(String, Map)} keeps
 * a bounded cache of its own). Mistakes — an unknown macro or placeholder, a missing fragment, a wrong number of
 * arguments, an unbalanced brace — throw a {@link BookstoreException} naming them and what is valid. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * String sql = SqlResources.load(Metrics.class, "revenue_by_period");   // comments stripped, cached
 * List<Row> rows = wh.withHandle(h -> h.createQuery(sql)
 *         .define("grain", "MONTH")                                       // {{date_trunc({{grain}}, order_date)}}
 *         .bind("from", range.from()).bind("to", range.to())
 *         .map(...).list());
 * String ddl = wh.render("CREATE TABLE ${meta:x} (at ${type:timestamp})");
 * }</pre>
 */
public final class SqlRenderer implements TemplateEngine {
    /** The built-in macros, by name, with their arity. */
    private static final Map<String, Integer> BUILT_IN = Map.of("date_trunc", 2, "add_days", 2, "days_between", 2,
            "seconds_between", 2, "iso_day_of_week", 1, "hour_of", 1, "local_time", 1, "month_index", 1, "sha256", 1,
            "text", 1);
    private static final int CACHE_LIMIT = 2_000;
    private static final int MAX_DEPTH = 10;

    private final Dialect dialect;
    private final BiFunction<Layer, String, TableName> tables;
    private final ZoneId zone;
    private final Map<String, SqlTemplate> cache = new ConcurrentHashMap<>();

    private SqlRenderer(Dialect dialect, BiFunction<Layer, String, TableName> tables, ZoneId zone) {
        this.dialect = dialect;
        this.tables = tables;
        this.zone = zone;
    }

    /**
     * The renderer of one warehouse (the warehouse builds it; see {@code Warehouse.render}).
     *
     * @param dialect the database's dialect
     * @param tables the physical name of a layer's table
     * @param zone the reporting zone, for {@code local_time}
     */
    public static SqlRenderer of(Dialect dialect, BiFunction<Layer, String, TableName> tables, ZoneId zone) {
        return new SqlRenderer(Objects.requireNonNull(dialect, "dialect"), Objects.requireNonNull(tables, "tables"),
                Objects.requireNonNull(zone, "zone"));
    }

    /** Renders {@code template} without defines. */
    public String render(String template) {
        return render(template, Map.of());
    }

    /**
     * Renders {@code template}.
     *
     * @param defines fragments (text, numbers, enum constants) and macros ({@link SqlMacro}) by the name templates use
     */
    public String render(String template, Map<String, ?> defines) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(defines, "defines");
        return render(compile(template), defines::get, defines.keySet());
    }

    @Override
    public String render(String template, StatementContext ctx) {
        return render(compile(template), ctx::getAttribute, ctx.getAttributes().keySet());
    }

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        SqlTemplate t = SqlTemplate.parse(template);
        return Optional.of(ctx -> render(t, ctx::getAttribute, ctx.getAttributes().keySet()));
    }

    private SqlTemplate compile(String template) {
        SqlTemplate t = cache.get(template);
        if (t == null) {
            t = SqlTemplate.parse(template);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(template, t);
        }
        return t;
    }

    private String render(SqlTemplate t, Function<String, Object> defines, Set<String> defined) {
        if (t.isPlain()) {
            return t.parts().isEmpty() ? "" : ((SqlTemplate.Text) t.parts().get(0)).sql();
        }
        StringBuilder out = new StringBuilder();
        append(out, t.parts(), defines, defined, 0);
        return out.toString();
    }

    private void append(StringBuilder out, List<SqlTemplate.Part> parts, Function<String, Object> defines,
                        Set<String> defined, int depth) {
        for (SqlTemplate.Part part : parts) {
            if (part instanceof SqlTemplate.Text t) {
                out.append(t.sql());
            } else if (part instanceof SqlTemplate.Placeholder p) {
                out.append(placeholder(p));
            } else if (part instanceof SqlTemplate.Fragment f) {
                String text = fragment(f.name(), defines, defined);
                if (text.contains("{{") || text.contains("${")) { // a fragment may be a template itself
                    if (depth >= MAX_DEPTH) {
                        throw new InvalidArgumentException("SQL fragment {{" + f.name() + "}} nests fragments more than "
                                + MAX_DEPTH + " deep (does it contain itself?)");
                    }
                    append(out, compile(text).parts(), defines, defined, depth + 1);
                } else {
                    out.append(text);
                }
            } else {
                SqlTemplate.Call c = (SqlTemplate.Call) part;
                List<String> args = new ArrayList<>(c.arguments().size());
                for (List<SqlTemplate.Part> a : c.arguments()) {
                    StringBuilder arg = new StringBuilder();
                    append(arg, a, defines, defined, depth);
                    args.add(arg.toString().strip());
                }
                out.append(call(c.name(), args, defines, defined));
            }
        }
    }

    private String placeholder(SqlTemplate.Placeholder p) {
        if (p.kind().equals("type")) {
            return switch (p.name()) {
                case "timestamp" -> dialect.timestampType();
                case "text" -> dialect.longTextType();
                case "double" -> dialect.doubleType();
                case "money" -> dialect.moneyType();
                default -> throw new InvalidArgumentException("unknown type placeholder ${type:" + p.name()
                        + "} (known: timestamp, text, double, money)");
            };
        }
        Layer layer;
        try {
            layer = Layer.valueOf(p.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("unknown placeholder ${" + p.kind() + ":" + p.name() + "} (known: "
                    + "${raw:..}, ${staging:..}, ${intermediate:..}, ${marts:..}, ${meta:..}, ${type:..})", e);
        }
        return tables.apply(layer, p.name()).sql();
    }

    private static String fragment(String name, Function<String, Object> defines, Set<String> defined) {
        Object v = defines.apply(name);
        if (v instanceof CharSequence || v instanceof Number) {
            return v.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof SqlMacro m && m.arity() == 0) {
            return m.expand(List.of());
        }
        if (BUILT_IN.containsKey(name)) {
            throw new InvalidArgumentException("macro " + name + " takes " + arguments(BUILT_IN.get(name))
                    + ": write {{" + name + "(..)}}");
        }
        throw new InvalidArgumentException("SQL fragment {{" + name + "}} was not given (defined: "
                + String.join(", ", new TreeSet<>(defined)) + ")");
    }

    private String call(String name, List<String> args, Function<String, Object> defines,
                        Set<String> defined) {
        Integer arity = BUILT_IN.get(name);
        if (arity != null) {
            requireArity(name, arity, args);
            return builtIn(name, args);
        }
        if (defines.apply(name) instanceof SqlMacro m) {
            requireArity(name, m.arity(), args);
            return m.expand(args);
        }
        TreeSet<String> known = new TreeSet<>(BUILT_IN.keySet());
        defined.stream().filter(d -> defines.apply(d) instanceof SqlMacro).forEach(known::add);
        throw new InvalidArgumentException("unknown macro {{" + name + "(..)}} (known: " + String.join(", ", known) + ")");
    }

    private String builtIn(String name, List<String> a) {
        return switch (name) {
            case "date_trunc" -> dialect.dateTrunc(unit(a.get(0)), a.get(1));
            case "add_days" -> dialect.addDays(a.get(0), a.get(1));
            case "days_between" -> dialect.daysBetween(a.get(0), a.get(1));
            case "seconds_between" -> dialect.secondsBetween(a.get(0), a.get(1));
            case "iso_day_of_week" -> dialect.isoDayOfWeek(a.get(0));
            case "hour_of" -> dialect.hourOf(a.get(0));
            case "local_time" -> dialect.localTimestamp(a.get(0), zone);
            case "month_index" -> "(EXTRACT(YEAR FROM " + a.get(0) + ") * 12 + EXTRACT(MONTH FROM " + a.get(0) + "))";
            case "sha256" -> dialect.sha256Hex(a.get(0));
            case "text" -> dialect.text(a.get(0));
            default -> throw new IllegalStateException(name);
        };
    }

    private static DateUnit unit(String word) {
        try {
            return DateUnit.valueOf(word.strip().replace("'", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("date_trunc unit '" + word + "' is not one of day, week, month, quarter, "
                    + "year", e);
        }
    }

    private static void requireArity(String name, int arity, List<String> args) {
        if (args.size() != arity) {
            throw new InvalidArgumentException("macro " + name + " takes " + arguments(arity) + ", got " + args.size()
                    + ": " + args);
        }
    }

    private static String arguments(int n) {
        return n + " argument" + (n == 1 ? "" : "s");
    }
}
