package dev.bookstore.model.generator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Independent readers for the generated files (no generator code is reused for parsing). */
final class TestData {

    static final ObjectMapper STRICT_JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Small options used by most tests. */
    static GeneratorOptions small() {
        return GeneratorOptions.defaults()
                .withCustomers(2_000)
                .withProducts(300)
                .withMonths(3)
                .withEvents(50_000)
                .withOrdersPerMonth(4_000);
    }

    private TestData() {}

    /** All lines of a UTF-8 file split on '\n' only (fails on '\r'). */
    static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.indexOf('\r') >= 0) {
            throw new AssertionError(file + " contains a carriage return");
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError(file + " does not end with a newline");
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** Number of '\n' in a file, counted on raw bytes. */
    static long countNewlines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Splits one RFC 4180 record (no embedded newlines expected). */
    static String[] csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
                fieldStart = true;
            } else if (c == '"') {
                throw new AssertionError("stray quote in unquoted field: " + line);
            } else {
                cur.append(c);
                fieldStart = false;
            }
        }
        if (quoted) {
            throw new AssertionError("unterminated quote: " + line);
        }
        fields.add(cur.toString());
        return fields.toArray(new String[0]);
    }

    /** Parses a JSON object line strictly, or returns null if it is not valid JSON. */
    static JsonNode json(String line) {
        try {
            JsonNode node = STRICT_JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Parses a price like {@code 12.99} / {@code -12.99} into pence, requiring two decimals. */
    static long pence(String price) {
        if (!price.matches("-?\\d+\\.\\d{2}")) {
            throw new AssertionError("bad price " + price);
        }
        return Math.round(Double.parseDouble(price) * 100);
    }

    static boolean isIsoDate(String s) {
        if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        LocalDate.parse(s); // throws if impossible
        return true;
    }

    // order columns
    static final int ORDER_ID = 0;
    static final int CUSTOMER_ID = 1;
    static final int ORDER_DATE = 2;
    static final int PRODUCT_ID = 3;
    static final int QUANTITY = 4;
    static final int UNIT_PRICE = 5;
    static final int PAYMENT = 6;
    static final int STATUS = 7;
    static final int ORDERED_AT = 8;
    static final int CHANNEL = 9;
    static final int CITY = 10;
    static final int STATE = 11;
    static final int COUNTRY = 12;
    static final int SHIPPED = 13;
    static final int DELIVERED = 14;

    static int number(String id, String prefix) {
        if (!id.startsWith(prefix)) {
            throw new AssertionError(id + " does not start with " + prefix);
        }
        return Integer.parseInt(id.substring(prefix.length()));
    }
}
