package dev.bookstore.etl;

import dev.bookstore.model.BookstoreException;
import dev.bookstore.model.InvalidArgumentException;
import dev.bookstore.model.sql.Dialect;
import dev.bookstore.model.sql.Identifiers;
import dev.bookstore.model.sql.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model file or a custom test file: a header of {@code -- key: value} comment lines, then the SELECT.
 *
 * <p>Model header keys: {@code model}, {@code layer}, {@code materialized} ({@code table|view|incremental|snapshot}),
 * {@code unique_key}, {@code index} (columns to index for look-ups, e.g. {@code customer_id}; several indexes
 * separated by {@code ;}; not on views; created where the database uses indexes), {@code partition} (how a database
 * without indexes, such as Trino on Iceberg, partitions the table: a column or {@code year|month|day(column)} of a
 * date; several separated by {@code ,}; it then sorts by the first index), {@code incremental}
 * ({@code <date column> lookback <n> days}), {@code snapshot_key},
 * {@code check_columns}, {@code valid_from_initial}, {@code description}, {@code test} (a model-level generic test
 * such as {@code unique(a, b)}), and {@code column} lines: {@code -- column <name> <TYPE> | <description> | <tests
 * and flags>}, where tests are {@code not_null}, {@code unique}, {@code accepted_values(a, b)},
 * {@code relationships(model.column)}, each optionally followed by {@code warn}, and the flag {@code pii} marks
 * personal data. A comment line indented by three or more spaces continues the previous description.
 *
 * <p>Test file header keys: {@code test}, {@code model}, {@code severity} ({@code error|warn}), {@code description}.
 */
final class ModelFile {
    private static final Pattern KEY_VALUE = Pattern.compile("--\\s?([a-z_]+):\\s*(.*)");
    private static final Pattern COLUMN = Pattern.compile("--\\s?column\\s+(\\S+)\\s+([^|]+?)\\s*(?:\\|(.*))?");
    private static final Pattern CONTINUATION = Pattern.compile("--\\s{3,}(\\S.*)");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z]+):([a-z_0-9]+)}");
    private static final Pattern TEST_ITEM = Pattern.compile("([a-z_]+)\\s*(?:\\((.*)\\))?\\s*(warn)?");
    private static final Pattern INCREMENTAL = Pattern.compile("([a-z][a-z0-9_]*)\\s+lookback\\s+(\\d+)\\s+days?");
    private static final Set<String> MODEL_KEYS = Set.of("model", "layer", "materialized", "unique_key", "incremental",
            "snapshot_key", "check_columns", "valid_from_initial", "description", "test", "index", "partition");
    private static final Set<String> TEST_KEYS = Set.of("test", "model", "severity", "description");
    private static final Set<String> WRITTEN_MART_KEYS = Set.of("mart", "written_by", "reads", "unique_key",
            "description");

    private ModelFile() {
    }

    /** A header line, with the number of its line in the file. */
    private record Line(int number, String text) {
    }

    /** A file split into header lines and body. */
    private record Parts(List<Line> header, String body, int bodyLine) {
    }

    private static Parts split(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Line> header = new ArrayList<>();
        int i = 0;
        while (i < lines.length && (lines[i].strip().startsWith("--") || lines[i].isBlank())) {
            if (!lines[i].isBlank()) {
                header.add(new Line(i + 1, lines[i].strip()));
            }
            i++;
        }
        StringBuilder body = new StringBuilder();
        for (int j = i; j < lines.length; j++) {
            body.append(lines[j]).append('\n');
        }
        String sql = body.toString().strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        return new Parts(header, sql, i + 1);
    }

    /** Parses a model file. */
    static Model model(String resource, String text) {
        Parts parts = split(text);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<String[]> columnSpecs = new ArrayList<>(); // name, type, description, tests, line
        List<Line> testLines = new ArrayList<>();
        String continuing = null;
        for (Line line : parts.header()) {
            Matcher cont = CONTINUATION.matcher(line.text());
            Matcher col = COLUMN.matcher(line.text());
            Matcher kv = KEY_VALUE.matcher(line.text());
            if (cont.matches() && continuing != null) {
                if (continuing.equals("column")) {
                    String[] last = columnSpecs.get(columnSpecs.size() - 1);
                    String more = cont.group(1);
                    int bar = more.indexOf('|');
                    if (bar >= 0 && !last[3].isEmpty()) {
                        throw error(resource, line.number(), "column '" + last[0] + "' has its tests twice");
                    }
                    last[2] = (last[2] + " " + (bar < 0 ? more : more.substring(0, bar))).strip();
                    if (bar >= 0) {
                        last[3] = more.substring(bar + 1).strip();
                    }
                } else {
                    values.merge(continuing, cont.group(1), (a, b) -> a + " " + b);
                }
            } else if (col.matches()) {
                String[] fields = (col.group(3) == null ? "" : col.group(3)).split("\\|", -1);
                columnSpecs.add(new String[] {col.group(1), col.group(2).strip(), fields[0].strip(),
                        fields.length > 1 ? fields[1].strip() : "", Integer.toString(line.number())});
                if (fields.length > 2) {
                    throw error(resource, line.number(), "a column line has at most three parts: "
                            + "'-- column <name> <TYPE> | <description> | <tests>'");
                }
                continuing = "column";
            } else if (kv.matches()) {
                String key = kv.group(1);
                if (!MODEL_KEYS.contains(key)) {
                    throw error(resource, line.number(), "unknown header key '" + key + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(MODEL_KEYS)) + ", column)");
                }
                if (key.equals("test")) {
                    testLines.add(new Line(line.number(), kv.group(2).strip()));
                    continuing = null;
                } else {
                    if (values.containsKey(key)) {
                        throw error(resource, line.number(), "header key '" + key + "' is given twice");
                    }
                    values.put(key, kv.group(2).strip());
                    lineOf.put(key, line.number());
                    continuing = key;
                }
            } else {
                continuing = null; // a plain comment
            }
        }
        String name = require(resource, values, "model");
        Identifiers.require(name, "model name in " + resource);
        if (!resource.endsWith("/" + name + ".sql")) {
            throw error(resource, lineOf.get("model"), "model '" + name + "' must be in a file named " + name
                    + ".sql");
        }
        Layer layer = layer(resource, require(resource, values, "layer"), lineOf.get("layer"));
        Materialization materialization = materialization(resource, require(resource, values, "materialized"),
                lineOf.get("materialized"));
        String description = require(resource, values, "description");

        List<ModelColumn> columns = new ArrayList<>();
        List<DataTest> tests = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String[] spec : columnSpecs) {
            int line = Integer.parseInt(spec[4]);
            if (!Identifiers.isValid(spec[0])) {
                throw error(resource, line, "column name '" + spec[0] + "' is not a valid identifier (lower-case "
                        + "letters, digits and '_', starting with a letter, not a reserved word)");
            }
            if (!seen.add(spec[0])) {
                throw error(resource, line, "column '" + spec[0] + "' is declared twice");
            }
            if (spec[2].isEmpty()) {
                throw error(resource, line, "column '" + spec[0] + "' has no description");
            }
            boolean pii = false;
            for (String item : items(spec[3])) {
                if (item.equals("pii")) {
                    pii = true;
                } else {
                    tests.add(columnTest(resource, line, name, spec[0], item));
                }
            }
            columns.add(new ModelColumn(spec[0], spec[1], spec[2], pii));
        }
        if (columns.isEmpty()) {
            throw error(resource, parts.bodyLine(), "model '" + name + "' declares no columns ('-- column <name> "
                    + "<TYPE> | <description> | <tests>')");
        }
        for (Line t : testLines) {
            tests.add(modelTest(resource, t.number(), name, t.text(), seen));
        }

        List<String> uniqueKey = values.containsKey("unique_key") ? list(values.get("unique_key")) : List.of();
        for (String k : uniqueKey) {
            requireColumn(resource, lineOf.get("unique_key"), seen, k, "unique_key");
        }
        List<List<String>> indexes = new ArrayList<>();
        if (values.containsKey("index")) {
            if (materialization == Materialization.VIEW) {
                throw error(resource, lineOf.get("index"), "a view cannot have an index; materialize it as a table");
            }
            for (String spec : values.get("index").split(";")) {
                List<String> index = list(spec);
                for (String k : index) {
                    requireColumn(resource, lineOf.get("index"), seen, k, "index");
                }
                indexes.add(index);
            }
        }
        List<String> partitionBy = new ArrayList<>();
        if (values.containsKey("partition")) {
            if (materialization == Materialization.VIEW) {
                throw error(resource, lineOf.get("partition"), "a view cannot be partitioned; materialize it as a table");
            }
            for (String spec : list(values.get("partition"))) {
                String column;
                try {
                    column = Dialect.partitionColumn(spec);
                } catch (IllegalArgumentException e) {
                    throw error(resource, lineOf.get("partition"), e.getMessage() + ", e.g. 'month(order_date)'");
                }
                requireColumn(resource, lineOf.get("partition"), seen, column, "partition");
                partitionBy.add(spec);
            }
        }
        Optional<Model.Incremental> incremental = Optional.empty();
        if (materialization == Materialization.INCREMENTAL) {
            String spec = require(resource, values, "incremental");
            Matcher m = INCREMENTAL.matcher(spec);
            if (!m.matches()) {
                throw error(resource, lineOf.get("incremental"), "incremental '" + spec + "' should read "
                        + "'<date column> lookback <n> days', e.g. 'order_date lookback 3 days'");
            }
            requireColumn(resource, lineOf.get("incremental"), seen, m.group(1), "incremental");
            if (uniqueKey.isEmpty()) {
                throw error(resource, lineOf.get("materialized"), "an incremental model needs a unique_key to merge on");
            }
            incremental = Optional.of(new Model.Incremental(m.group(1), Integer.parseInt(m.group(2))));
        } else if (values.containsKey("incremental")) {
            throw error(resource, lineOf.get("incremental"), "'incremental' is only for materialized: incremental");
        }
        if (materialization != Materialization.INCREMENTAL && parts.body().contains("{{incremental_window")) {
            throw error(resource, parts.bodyLine(), "{{incremental_window(..)}} is only for materialized: incremental");
        }
        Optional<Model.Snapshot> snapshot = Optional.empty();
        if (materialization == Materialization.SNAPSHOT) {
            if (uniqueKey.size() != 1) {
                throw error(resource, lineOf.getOrDefault("unique_key", lineOf.get("materialized")),
                        "a snapshot model needs a unique_key of exactly one column");
            }
            String versionKey = require(resource, values, "snapshot_key");
            List<String> check = list(require(resource, values, "check_columns"));
            Optional<String> initial = Optional.ofNullable(values.get("valid_from_initial"));
            Model.Snapshot s = new Model.Snapshot(versionKey, check, initial);
            for (String managed : s.managedColumns()) {
                requireColumn(resource, lineOf.get("snapshot_key"), seen, managed, "snapshot (a managed column)");
            }
            for (String c : check) {
                requireColumn(resource, lineOf.get("check_columns"), seen, c, "check_columns");
            }
            initial.ifPresent(c -> requireColumn(resource, lineOf.get("valid_from_initial"), seen, c,
                    "valid_from_initial"));
            snapshot = Optional.of(s);
        }

        Set<String> dependsOn = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        Matcher ref = REFERENCE.matcher(parts.body());
        while (ref.find()) {
            switch (ref.group(1)) {
                case "raw" -> sources.add(ref.group(2));
                case "staging", "intermediate", "marts" -> dependsOn.add(ref.group(2));
                case "type" -> { }
                default -> throw error(resource, parts.bodyLine(), "a model may read ${raw:..}, ${staging:..}, "
                        + "${intermediate:..} and ${marts:..}, not ${" + ref.group(1) + ":" + ref.group(2) + "}");
            }
        }
        if (parts.body().isEmpty()) {
            throw error(resource, parts.bodyLine(), "model '" + name + "' has no SELECT after its header");
        }
        return new Model(name, layer, materialization, description, columns, uniqueKey, indexes, partitionBy, incremental,
                snapshot,
                tests, parts.body(), resource, dependsOn, sources);
    }

    /** The {@code ${layer:name}} model references of {@code sql}, as {@code layer:name}. */
    static Set<String> modelReferences(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher ref = REFERENCE.matcher(sql);
        while (ref.find()) {
            if (!ref.group(1).equals("raw") && !ref.group(1).equals("type")) {
                out.add(ref.group(1) + ":" + ref.group(2));
            }
        }
        return out;
    }

    /**
     * Parses the header of a written mart's create-table resource ({@link WrittenMart}); the statement after it is
     * the writer's, not read here.
     */
    static WrittenMart writtenMart(String resource, String text) {
        Parts parts = split(text);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<ModelColumn> columns = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String continuing = null;
        for (Line line : parts.header()) {
            Matcher cont = CONTINUATION.matcher(line.text());
            Matcher col = COLUMN.matcher(line.text());
            Matcher kv = KEY_VALUE.matcher(line.text());
            if (cont.matches() && continuing != null) {
                values.merge(continuing, cont.group(1), (a, b) -> a + " " + b);
            } else if (col.matches()) {
                String[] fields = (col.group(3) == null ? "" : col.group(3)).split("\\|", -1);
                if (fields[0].isBlank() || !seen.add(col.group(1))) {
                    throw error(resource, line.number(), "column '" + col.group(1) + "' is declared twice or has "
                            + "no description");
                }
                columns.add(new ModelColumn(col.group(1), col.group(2).strip(), fields[0].strip(), false));
                continuing = null;
            } else if (kv.matches()) {
                continuing = putKey(resource, line, kv, WRITTEN_MART_KEYS, ", column", values);
                lineOf.put(continuing, line.number());
            } else {
                continuing = null;
            }
        }
        String name = require(resource, values, "mart");
        Identifiers.require(name, "mart name in " + resource);
        if (columns.isEmpty()) {
            throw error(resource, parts.bodyLine(), "mart '" + name + "' declares no columns");
        }
        List<String> key = list(values.getOrDefault("unique_key", ""));
        for (String k : key) {
            requireColumn(resource, lineOf.get("unique_key"), seen, k, "unique_key");
        }
        return new WrittenMart(name, require(resource, values, "written_by"), list(values.getOrDefault("reads", "")),
                key, require(resource, values, "description"), columns, resource);
    }

    /** Puts a known header key's value (the last one given wins); returns the key, which a continuation extends. */
    private static String putKey(String resource, Line line, Matcher kv, Set<String> known, String alsoKnown,
                                 Map<String, String> values) {
        if (!known.contains(kv.group(1))) {
            throw error(resource, line.number(), "unknown header key '" + kv.group(1) + "' (known: "
                    + String.join(", ", new java.util.TreeSet<>(known)) + alsoKnown + ")");
        }
        values.put(kv.group(1), kv.group(2).strip());
        return kv.group(1);
    }

    /** Parses a custom test file. */
    static DataTest.Custom test(String resource, String text) {
        Parts parts = split(text);
        Map<String, String> values = new LinkedHashMap<>();
        String continuing = null;
        for (Line line : parts.header()) {
            Matcher cont = CONTINUATION.matcher(line.text());
            Matcher kv = KEY_VALUE.matcher(line.text());
            if (cont.matches() && continuing != null) {
                values.merge(continuing, cont.group(1), (a, b) -> a + " " + b);
            } else if (kv.matches()) {
                continuing = putKey(resource, line, kv, TEST_KEYS, "", values);
            } else {
                continuing = null;
            }
        }
        String name = require(resource, values, "test");
        Identifiers.require(name, "test name in " + resource);
        if (!resource.endsWith("/" + name + ".sql")) {
            throw error(resource, 1, "test '" + name + "' must be in a file named " + name + ".sql");
        }
        String severity = values.getOrDefault("severity", "error");
        DataTestResult.Severity s = switch (severity) {
            case "error" -> DataTestResult.Severity.ERROR;
            case "warn" -> DataTestResult.Severity.WARN;
            default -> throw error(resource, 1, "severity '" + severity + "' is not one of error, warn");
        };
        if (parts.body().isEmpty()) {
            throw error(resource, parts.bodyLine(), "test '" + name + "' has no query returning failing rows");
        }
        return new DataTest.Custom(name, require(resource, values, "model"), s, require(resource, values,
                "description"), parts.body(), resource);
    }

    private static DataTest columnTest(String resource, int line, String model, String column, String item) {
        Matcher m = TEST_ITEM.matcher(item);
        if (!m.matches()) {
            throw error(resource, line, "cannot read test '" + item + "' (expected not_null, unique, "
                    + "accepted_values(a, b), relationships(model.column), each optionally followed by 'warn', or pii)");
        }
        DataTestResult.Severity severity = m.group(3) == null ? DataTestResult.Severity.ERROR
                : DataTestResult.Severity.WARN;
        String args = m.group(2);
        switch (m.group(1)) {
            case "not_null":
                noArgs(resource, line, item, args);
                return new DataTest.NotNull(model, column, severity);
            case "unique":
                noArgs(resource, line, item, args);
                return new DataTest.Unique(model, List.of(column), severity);
            case "accepted_values":
                List<String> accepted = list(args == null ? "" : args);
                if (accepted.isEmpty() || accepted.stream().anyMatch(v -> v.contains("'") || v.contains("\\"))) {
                    throw error(resource, line, "accepted_values needs a list of values without quotes, e.g. "
                            + "accepted_values(delivered, shipped)");
                }
                return new DataTest.AcceptedValues(model, column, accepted, severity);
            case "relationships":
                String target = args == null ? "" : args.strip();
                int dot = target.indexOf('.');
                if (dot < 1 || !Identifiers.isValid(target.substring(0, dot))
                        || !Identifiers.isValid(target.substring(dot + 1))) {
                    throw error(resource, line, "relationships needs model.column, e.g. "
                            + "relationships(dim_products.product_id)");
                }
                return new DataTest.Relationships(model, column, target.substring(0, dot), target.substring(dot + 1),
                        severity);
            default:
                throw error(resource, line, "unknown test '" + m.group(1) + "' (known: not_null, unique, "
                        + "accepted_values, relationships; and the flag pii)");
        }
    }

    private static DataTest modelTest(String resource, int line, String model, String text, Set<String> columns) {
        Matcher m = TEST_ITEM.matcher(text);
        if (m.matches() && m.group(1).equals("unique") && m.group(2) != null) {
            List<String> cols = list(m.group(2));
            for (String c : cols) {
                requireColumn(resource, line, columns, c, "test unique(..)");
            }
            return new DataTest.Unique(model, cols, m.group(3) == null ? DataTestResult.Severity.ERROR
                    : DataTestResult.Severity.WARN);
        }
        throw error(resource, line, "a model-level test is unique(col, col, ...); column tests go on the column "
                + "line and custom tests in models/tests/<name>.sql");
    }

    private static void noArgs(String resource, int line, String item, String args) {
        if (args != null) {
            throw error(resource, line, "test '" + item + "' takes no arguments on a column line");
        }
    }

    /** Splits at commas outside parentheses. */
    static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                if (!cur.toString().isBlank()) {
                    out.add(cur.toString().strip());
                }
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static List<String> list(String text) {
        return items(text);
    }

    private static void requireColumn(String resource, Integer line, Set<String> columns, String column, String key) {
        if (!columns.contains(column)) {
            throw error(resource, line == null ? 1 : line, key + " names column '" + column
                    + "', which is not declared (declared: " + String.join(", ", columns) + ")");
        }
    }

    private static String require(String resource, Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw error(resource, 1, "the header has no '-- " + key + ": ...' line");
        }
        return v;
    }

    private static Layer layer(String resource, String value, int line) {
        return switch (value) {
            case "staging" -> Layer.STAGING;
            case "intermediate" -> Layer.INTERMEDIATE;
            case "marts" -> Layer.MARTS;
            default -> throw error(resource, line, "layer '" + value + "' is not one of staging, intermediate, marts");
        };
    }

    private static Materialization materialization(String resource, String value, int line) {
        for (Materialization m : Materialization.values()) {
            if (m.word().equals(value.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw error(resource, line, "materialized '" + value + "' is not one of table, view, incremental, snapshot");
    }

    static BookstoreException error(String resource, int line, String message) {
        return new InvalidArgumentException(resource + ":" + line + ": " + message);
    }
}
