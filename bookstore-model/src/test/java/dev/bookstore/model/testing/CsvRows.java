package dev.bookstore.model.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive CSV reader for test oracles, independent of the parser ingest uses: one record per line,
 * RFC 4180 quoting (quoted fields may hold commas and doubled quotes, not line breaks).
 *
 * <pre>{@code
 * for (String[] f : CsvRows.read(dir.resolve("raw_orders.csv"))) { ... }
 * }</pre>
 */
public final class CsvRows {
    private CsvRows() {
    }

    /** The data records of a UTF-8 CSV file: the header line and empty lines skipped. */
    public static List<String[]> read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                rows.add(split(lines.get(i)));
            }
        }
        return rows;
    }

    /** The fields of one CSV line. */
    public static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
