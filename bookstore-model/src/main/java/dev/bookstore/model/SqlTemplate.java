package dev.bookstore.model;

import dev.bookstore.model.sql.Layer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders {@code ${layer:table}} and {@code ${type:name}} placeholders against a warehouse's dialect. */
final class SqlTemplate {
    private static final Pattern TOKEN = Pattern.compile("\\$\\{([a-z]+):([a-z_0-9]+)}");

    private SqlTemplate() {
    }

    static String render(String template, Warehouse wh) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String kind = m.group(1);
            String arg = m.group(2);
            String replacement;
            if (kind.equals("type")) {
                replacement = switch (arg) {
                    case "timestamp" -> wh.dialect().timestampType();
                    case "text" -> wh.dialect().longTextType();
                    case "double" -> wh.dialect().doubleType();
                    case "money" -> wh.dialect().moneyType();
                    default -> throw new InvalidArgumentException("unknown type placeholder ${type:" + arg
                            + "} (known: timestamp, text, double, money)");
                };
            } else {
                Layer layer;
                try {
                    layer = Layer.valueOf(kind.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidArgumentException("unknown placeholder ${" + kind + ":" + arg + "} (known: "
                            + "${raw:..}, ${staging:..}, ${intermediate:..}, ${marts:..}, ${meta:..}, ${type:..})", e);
                }
                replacement = wh.table(layer, arg).sql();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
