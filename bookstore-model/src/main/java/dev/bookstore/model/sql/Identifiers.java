package dev.bookstore.model.sql;

import dev.bookstore.model.InvalidArgumentException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of the identifiers Bookstore Analytics writes into SQL unquoted: lower-case letters, digits and
 * underscores, starting with a letter, at most 48 characters, and not a reserved word of any supported database.
 * Anything else must go through {@link Dialect#quote(String)}.
 */
public final class Identifiers {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Set<String> RESERVED = Set.of("all", "and", "as", "by", "case", "check", "column",
            "constraint", "create", "cross", "current_date", "current_time", "current_timestamp", "current_user",
            "date", "default", "distinct", "drop", "else", "end", "except", "exists", "false", "fetch", "for",
            "foreign", "from", "full", "group", "having", "if", "in", "index", "inner", "insert", "intersect",
            "interval", "into", "is", "join", "key", "left", "like", "limit", "minus", "natural", "not", "null",
            "offset", "on", "or", "order", "primary", "references", "right", "row", "rows", "select", "set",
            "table", "then", "time", "timestamp", "to", "true", "union", "unique", "update", "user", "using",
            "value", "values", "when", "where", "window", "with", "year", "month", "day", "week", "quarter",
            "hour", "minute", "second");

    private Identifiers() {
    }

    /**
     * Returns {@code identifier} when it is safe to write unquoted, else throws naming {@code what} and the rule.
     *
     * @param what what the identifier is, for the message (e.g. "table prefix")
     */
    public static String require(String identifier, String what) {
        if (identifier == null || !VALID.matcher(identifier).matches()) {
            throw new InvalidArgumentException(what + " '" + identifier + "' is not a valid identifier: use lower-case "
                    + "letters, digits and '_', starting with a letter, at most 48 characters");
        }
        if (RESERVED.contains(identifier)) {
            throw new InvalidArgumentException(what + " '" + identifier
                    + "' is a reserved SQL word; choose another name");
        }
        return identifier;
    }

    /** Whether {@link #require} would accept {@code identifier}. */
    public static boolean isValid(String identifier) {
        return identifier != null && VALID.matcher(identifier).matches() && !RESERVED.contains(identifier);
    }
}
