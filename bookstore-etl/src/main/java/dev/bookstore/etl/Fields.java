package dev.bookstore.etl;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to the values of one input row, recording a {@link Violation} (naming the field and the value)
 * for every value that is missing, too long or unparseable. Values are stripped of surrounding white space; an
 * empty value is absent. A getter that fails returns {@code null} (or empty) and the caller checks
 * {@link #failed()} before building the row.
 */
final class Fields {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SLASH_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

    private final Function<String, String> lookup;
    private final DatePolicy datePolicy;
    private final List<Violation> violations;
    private boolean failed;
    private java.util.Set<String> invalid; // columns holding a NUL, created when needed

    /**
     * @param lookup the raw value of a column by name, {@code null} when absent
     * @param datePolicy how slashed dates are read
     * @param violations where violations are added
     */
    Fields(Function<String, String> lookup, DatePolicy datePolicy, List<Violation> violations) {
        this.lookup = lookup;
        this.datePolicy = datePolicy;
        this.violations = violations;
    }

    /** Whether any getter has recorded an error. */
    boolean failed() {
        return failed;
    }

    /** Records an error violation. */
    void error(String rule, String message) {
        violations.add(Violation.error(rule, message));
        failed = true;
    }

    /** Records a warning violation. */
    void warning(String rule, String message) {
        violations.add(Violation.warning(rule, message));
    }

    private Optional<String> value(Column c) {
        String raw = lookup.apply(c.name());
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.strip();
        if (v.indexOf('\0') >= 0) {
            error("invalid_character", c.name() + " contains a NUL character ('" + abbreviate(v) + "')");
            markInvalid(c);
            return Optional.empty();
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private void markInvalid(Column c) {
        if (invalid == null) {
            invalid = new java.util.HashSet<>(2);
        }
        invalid.add(c.name());
    }

    /** Whether a value of {@code c} was present but rejected (NUL character, too long). */
    boolean invalid(Column c) {
        return invalid != null && invalid.contains(c.name());
    }

    private void missing(Column c) {
        if (invalid == null || !invalid.contains(c.name())) {
            error("missing_value", c.name() + " is empty");
        }
    }

    /** A required text value; records {@code missing_value} or {@code too_long}. */
    String text(Column c) {
        Optional<String> v = value(c);
        if (v.isEmpty()) {
            missing(c);
            return null;
        }
        return fits(c, v.get()) ? v.get() : null;
    }

    /** An optional text value; records {@code too_long}. */
    Optional<String> optionalText(Column c) {
        return value(c).filter(v -> fits(c, v));
    }

    private boolean fits(Column c, String v) {
        if (c.maxLength() > 0 && v.length() > c.maxLength()) {
            error("too_long", c.name() + " is " + v.length() + " characters long, more than " + c.maxLength()
                    + " ('" + abbreviate(v) + "')");
            markInvalid(c);
            return false;
        }
        return true;
    }

    /** A text value that may be empty (but must fit); never absent. */
    String textOrEmpty(Column c) {
        return optionalText(c).orElse("");
    }

    /** A required whole number; records {@code missing_value} or {@code invalid_number}. */
    Integer integer(Column c) {
        Optional<String> v = value(c);
        if (v.isEmpty()) {
            missing(c);
            return null;
        }
        try {
            return Integer.valueOf(v.get());
        } catch (NumberFormatException e) {
            error("invalid_number", c.name() + " '" + abbreviate(v.get()) + "' is not a whole number");
            return null;
        }
    }

    /** A required decimal with at most {@code scale} decimals and {@code precision} digits in all. */
    BigDecimal decimal(Column c, int precision, int scale) {
        Optional<String> v = value(c);
        if (v.isEmpty()) {
            missing(c);
            return null;
        }
        return parseDecimal(c, v.get(), precision, scale).orElse(null);
    }

    /** An optional decimal with at most {@code scale} decimals and {@code precision} digits in all. */
    Optional<BigDecimal> optionalDecimal(Column c, int precision, int scale) {
        return value(c).flatMap(v -> parseDecimal(c, v, precision, scale));
    }

    private Optional<BigDecimal> parseDecimal(Column c, String v, int precision, int scale) {
        BigDecimal d;
        try {
            d = new BigDecimal(v);
        } catch (NumberFormatException e) {
            error("invalid_number", c.name() + " '" + abbreviate(v) + "' is not a number");
            return Optional.empty();
        }
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() > scale) {
            error("invalid_number", c.name() + " '" + v + "' has more than " + scale + " decimal places");
            return Optional.empty();
        }
        BigDecimal scaled = d.setScale(scale);
        if (scaled.precision() > precision) {
            error("out_of_range", c.name() + " '" + v + "' is too large (at most " + (precision - scale)
                    + " digits before the decimal point)");
            return Optional.empty();
        }
        return Optional.of(scaled);
    }

    /** A required date; records {@code missing_value}, {@code invalid_date} or {@code ambiguous_date}. */
    LocalDate date(Column c) {
        Optional<String> v = value(c);
        if (v.isEmpty()) {
            missing(c);
            return null;
        }
        return parseDate(c, v.get()).orElse(null);
    }

    /** An optional date; records {@code invalid_date} or {@code ambiguous_date}. */
    Optional<LocalDate> optionalDate(Column c) {
        return value(c).flatMap(v -> parseDate(c, v));
    }

    private Optional<LocalDate> parseDate(Column c, String v) {
        if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            int y = digits(v, 0, 4);
            int m = digits(v, 5, 7);
            int d = digits(v, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                try {
                    return Optional.of(LocalDate.of(y, m, d));
                } catch (DateTimeException e) {
                    error("invalid_date", c.name() + " '" + v + "' is not a valid date");
                    return Optional.empty();
                }
            }
        }
        if (ISO_DATE.matcher(v).matches()) {
            try {
                return Optional.of(LocalDate.parse(v));
            } catch (DateTimeParseException e) {
                error("invalid_date", c.name() + " '" + v + "' is not a valid date");
                return Optional.empty();
            }
        }
        Matcher m = SLASH_DATE.matcher(v);
        if (!m.matches()) {
            error("invalid_date", c.name() + " '" + abbreviate(v) + "' is not a date (expected yyyy-MM-dd or "
                    + slashFormat() + ")");
            return Optional.empty();
        }
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(2));
        int year = Integer.parseInt(m.group(3));
        boolean dayFirst;
        switch (datePolicy) {
            case DAY_FIRST -> dayFirst = true;
            case MONTH_FIRST -> dayFirst = false;
            default -> {
                if (first <= 12 && second <= 12) {
                    error("ambiguous_date", c.name() + " '" + v + "' is ambiguous: it could be day-first or "
                            + "month-first and the date policy is REJECT_AMBIGUOUS (use DAY_FIRST or MONTH_FIRST, "
                            + "or write yyyy-MM-dd)");
                    return Optional.empty();
                }
                dayFirst = first > 12;
            }
        }
        try {
            LocalDate date = dayFirst ? LocalDate.of(year, second, first) : LocalDate.of(year, first, second);
            warning("non_iso_date", c.name() + " '" + v + "' read as " + date + " ("
                    + (dayFirst ? "day" : "month") + " first)");
            return Optional.of(date);
        } catch (DateTimeException e) {
            error("invalid_date", c.name() + " '" + v + "' is not a valid date when read as "
                    + (dayFirst ? "dd/MM/yyyy" : "MM/dd/yyyy") + " (date policy " + datePolicy + ")");
            return Optional.empty();
        }
    }

    private String slashFormat() {
        return switch (datePolicy) {
            case DAY_FIRST -> "dd/MM/yyyy";
            case MONTH_FIRST -> "MM/dd/yyyy";
            case REJECT_AMBIGUOUS -> "an unambiguous dd/MM/yyyy or MM/dd/yyyy";
        };
    }

    /** A required instant; records {@code missing_value} or {@code invalid_timestamp}. */
    Instant instant(Column c) {
        Optional<String> v = value(c);
        if (v.isEmpty()) {
            missing(c);
            return null;
        }
        return parseInstant(c, v.get()).orElse(null);
    }

    /** An optional instant; records {@code invalid_timestamp}. */
    Optional<Instant> optionalInstant(Column c) {
        return value(c).flatMap(v -> parseInstant(c, v));
    }

    private Optional<Instant> parseInstant(Column c, String v) {
        // fast path for the common yyyy-MM-ddTHH:mm:ssZ; anything else goes through Instant.parse
        if (v.length() == 20 && v.charAt(4) == '-' && v.charAt(7) == '-' && v.charAt(10) == 'T'
                && v.charAt(13) == ':' && v.charAt(16) == ':' && v.charAt(19) == 'Z') {
            int y = digits(v, 0, 4);
            int mo = digits(v, 5, 7);
            int d = digits(v, 8, 10);
            int h = digits(v, 11, 13);
            int mi = digits(v, 14, 16);
            int s = digits(v, 17, 19);
            if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0
                    && s <= 59 && d <= java.time.YearMonth.of(y, mo).lengthOfMonth()) {
                long epochDay = LocalDate.of(y, mo, d).toEpochDay();
                return Optional.of(Instant.ofEpochSecond(epochDay * 86_400L + h * 3_600L + mi * 60L + s));
            }
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            error("invalid_timestamp", c.name() + " '" + abbreviate(v) + "' is not an ISO-8601 instant with a "
                    + "zone (expected e.g. 2025-03-04T10:15:30Z)");
            return Optional.empty();
        }
    }

    /** The non-negative number written in {@code v[from, to)} with ASCII digits only, else -1. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    /** A value cut to 80 characters for messages, control characters (line ends, NUL) shown as '?'. */
    static String abbreviate(String v) {
        String cut = v.length() <= 80 ? v : v.substring(0, 77) + "...";
        for (int i = 0; i < cut.length(); i++) {
            if (Character.isISOControl(cut.charAt(i))) {
                StringBuilder sb = new StringBuilder(cut.length());
                cut.chars().forEach(ch -> sb.append(Character.isISOControl(ch) ? '?' : (char) ch));
                return sb.toString();
            }
        }
        return cut;
    }
}
