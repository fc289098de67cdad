package dev.bookstore.model.generator;

/**
 * Allocation-free, locale-independent formatting of dates, instants, prices and CSV/JSON text.
 */
final class Fmt {

    private Fmt() {}

    /** Year of an epoch day (proleptic Gregorian, civil-from-days algorithm). */
    static int year(long epochDay) {
        long[] ymd = new long[3];
        civil(epochDay, ymd);
        return (int) ymd[0];
    }

    /** Converts an epoch day to {year, month, day} into {@code out}. */
    static void civil(long epochDay, long[] out) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        out[0] = m <= 2 ? y + 1 : y;
        out[1] = m;
        out[2] = d;
    }

    /** Day of month (1..31) of an epoch day. */
    static int dayOfMonth(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        return (int) (doy - (153 * mp + 2) / 5 + 1);
    }

    /** Appends {@code yyyy-MM-dd}. Years are 0..9999 (validated by the options). */
    static void date(StringBuilder sb, long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (m <= 2 ? y + 1 : y);
        pad4(sb, year);
        sb.append('-');
        pad2(sb, m);
        sb.append('-');
        pad2(sb, d);
    }

    /** Appends {@code dd/MM/yyyy} (the day-first problem format). */
    static void dayFirstDate(StringBuilder sb, long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (m <= 2 ? y + 1 : y);
        pad2(sb, d);
        sb.append('/');
        pad2(sb, m);
        sb.append('/');
        pad4(sb, year);
    }

    /** Appends an ISO-8601 UTC instant with seconds, e.g. {@code 2025-03-04T10:15:30Z}. */
    static void instant(StringBuilder sb, long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86400L);
        int sec = (int) Math.floorMod(epochSecond, 86400L);
        date(sb, day);
        sb.append('T');
        pad2(sb, sec / 3600);
        sb.append(':');
        pad2(sb, (sec / 60) % 60);
        sb.append(':');
        pad2(sb, sec % 60);
        sb.append('Z');
    }

    static String instant(long epochSecond) {
        StringBuilder sb = new StringBuilder(20);
        instant(sb, epochSecond);
        return sb.toString();
    }

    /** Appends pence as a decimal with two places, e.g. 1299 -> 12.99, -1299 -> -12.99. */
    static void price(StringBuilder sb, long pence) {
        if (pence < 0) {
            sb.append('-');
            pence = -pence;
        }
        sb.append(pence / 100).append('.');
        pad2(sb, (int) (pence % 100));
    }

    static String price(long pence) {
        StringBuilder sb = new StringBuilder(8);
        price(sb, pence);
        return sb.toString();
    }

    private static void pad2(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void pad4(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 1000))
                .append((char) ('0' + (v / 100) % 10))
                .append((char) ('0' + (v / 10) % 10))
                .append((char) ('0' + v % 10));
    }

    /** Appends a CSV field, quoted per RFC 4180 only when it contains a comma, quote or newline. */
    static void csv(StringBuilder sb, String field) {
        boolean quote = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            sb.append(field);
            return;
        }
        sb.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** The body of a JSON string literal for {@code s} (without the surrounding quotes). */
    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00");
                        sb.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
